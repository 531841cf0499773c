import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";

const classOf = (html: string, tag: string) =>
  new RegExp(`<${tag}[^>]*class="([^"]*)"`).exec(html)?.[1]?.split(" ") ?? [];

// The import form's Markdown box asked for a monospace font and lost its width and border.
describe("a field given classes of its own", () => {
  it("keeps the control's width and border and adds the caller's classes", () => {
    const html = renderToStaticMarkup(
      createElement(TextAreaField, { id: "markdown", label: "Markdown", className: "font-mono" }),
    );
    expect(classOf(html, "textarea")).toEqual(
      expect.arrayContaining(["block", "w-full", "border", "border-line", "font-mono"]),
    );
  });

  it("does so for text inputs and choices too", () => {
    const input = renderToStaticMarkup(
      createElement(TextField, { id: "x", label: "X", className: "font-mono" }),
    );
    const select = renderToStaticMarkup(
      createElement(SelectField, { id: "y", label: "Y", className: "font-mono" }),
    );
    for (const classes of [classOf(input, "input"), classOf(select, "select")]) {
      expect(classes).toEqual(expect.arrayContaining(["w-full", "border", "font-mono"]));
    }
  });
});
