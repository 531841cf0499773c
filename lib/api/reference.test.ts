import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldRows, typeName } from "@/lib/api/reference";

const schema = (value: z.ZodType) => z.toJSONSchema(value, { io: "output" }) as object;

describe("the reference page's fields", () => {
  it("names types briefly", () => {
    expect(typeName(schema(z.string().nullable()))).toBe("string | null");
    expect(typeName(schema(z.array(z.number())))).toBe("array of number");
    expect(typeName(schema(z.enum(["a", "b"])))).toBe('"a" | "b"');
    expect(typeName(schema(z.iso.datetime()))).toBe("string (date-time)");
  });

  it("lists nested fields under their parent's path, with what is required", () => {
    const page = z.object({
      data: z.array(
        z.object({ slug: z.string().describe("Its slug."), note: z.string().optional() }),
      ),
      next: z.string().nullable(),
    });
    expect(fieldRows(schema(page))).toEqual([
      { path: "data", type: "array of object", required: true, description: "" },
      { path: "data[].slug", type: "string", required: true, description: "Its slug." },
      { path: "data[].note", type: "string", required: false, description: "" },
      { path: "next", type: "string | null", required: true, description: "" },
    ]);
  });
});
