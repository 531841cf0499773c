import { describe, expect, it } from "vitest";
import { invalidNesting } from "@/e2e/html-nesting";

// The end-to-end suite reads every page's HTML with this: a production build of React says
// nothing of a <form> inside a <p>, so the suite must see it in what the server sent.
describe("the end-to-end suite's check of a page's nesting", () => {
  it("finds a form inside a paragraph, as the watch button once was", () => {
    expect(
      invalidNesting(
        '<main><p class="x"><span>Watch</span><form action=""><button>Go</button></form></p></main>',
      ),
    ).toEqual(["<form> inside <p>"]);
  });

  it("finds the other elements the parser moves out of their parent", () => {
    expect(invalidNesting("<p><span><div>x</div></span></p>")).toEqual(["<div> inside <p>"]);
    expect(invalidNesting("<a href=a><a href=b>x</a></a>")).toEqual(["<a> inside <a>"]);
    expect(invalidNesting("<form><div><form></form></div></form>")).toEqual([
      "<form> inside <form>",
    ]);
    expect(invalidNesting("<ul><li><li>x</li></li></ul>")).toEqual(["<li> inside <li>"]);
    expect(invalidNesting("<h2><h3>x</h3></h2>")).toEqual(["<h3> inside <h2>"]);
    expect(invalidNesting("<table><tr><td>x</td></tr></table>")).toEqual(["<tr> inside <table>"]);
  });

  it("leaves valid pages alone: lists in lists, void elements, scripts, comments, svg", () => {
    const page = [
      "<!DOCTYPE html><html><head><title>a <p><div></title>",
      '<meta charset="utf-8"/><script>self.x="<p><form>"</script></head><body>',
      "<!-- <p><div> -->",
      '<p>Text<br/><img src="a" alt=""/> <input name="q"/><svg><path d="M0"/></svg></p>',
      "<div><p>One</p><p>Two</p></div>",
      "<ul><li>a<ul><li>b</li></ul></li></ul>",
      "<p><button><div>inside a button the parser keeps it</div></button></p>",
      "<table><tbody><tr><td><p>cell</p></td></tr></tbody></table>",
      "<textarea><p><form></textarea>",
      "</body></html>",
    ].join("");
    expect(invalidNesting(page)).toEqual([]);
  });
});
