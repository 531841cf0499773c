import { describe, expect, it } from "vitest";
import { editorStop } from "@/components/clause-editor/editor-stop";

describe("editorStop", () => {
  it("reads a clause made read-only, whether the close or the guard said so", () => {
    expect(editorStop("this clause is read-only now")).toEqual({ kind: "read-only" });
    expect(editorStop("refused: this clause is read-only now")).toEqual({ kind: "read-only" });
  });

  it("reads a refused update, with the server's reason", () => {
    expect(editorStop("refused: an update of 300000 bytes (at most 262144)")).toEqual({
      kind: "refused",
      reason: "an update of 300000 bytes (at most 262144)",
    });
  });

  it("leaves ordinary disconnections to the provider's reconnection", () => {
    for (const reason of [undefined, "", "Server closed the connection", "Reset Connection"]) {
      expect(editorStop(reason)).toBeNull();
    }
  });
});
