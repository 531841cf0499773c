/*
 * What the reference page (/api) shows of a JSON Schema: one row per field, nested fields under
 * their parent's path ("data[].slug"), with a short type ("string | null", "array of object").
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
};

export type FieldRow = { path: string; type: string; required: boolean; description: string };

function variants(schema: Schema): Schema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

export function typeName(schema: Schema): string {
  const names = variants(schema).map((variant) => {
    if (variant.const !== undefined) return JSON.stringify(variant.const);
    if (variant.enum) return variant.enum.map((value) => JSON.stringify(value)).join(" | ");
    const type = Array.isArray(variant.type) ? variant.type.join(" | ") : (variant.type ?? "any");
    if (type === "array" && variant.items) return `array of ${typeName(variant.items)}`;
    return variant.format ? `${type} (${variant.format})` : type;
  });
  return [...new Set(names)].join(" | ");
}

/** The object inside a schema, if any: itself, one of its variants, or an array's items. */
function objectOf(schema: Schema): Schema | undefined {
  for (const variant of variants(schema)) {
    if (variant.properties) return variant;
    if (variant.items) {
      const inner = objectOf(variant.items);
      if (inner) return inner;
    }
  }
  return undefined;
}

function isArray(schema: Schema): boolean {
  return variants(schema).some((variant) => variant.type === "array");
}

/** The fields of an object schema, `depth` levels down. */
export function fieldRows(schema: Schema, depth = 3, prefix = ""): FieldRow[] {
  const object = objectOf(schema);
  if (!object?.properties || depth === 0) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const row = {
      path,
      type: typeName(field),
      required: required.has(name),
      description: field.description ?? "",
    };
    return [row, ...fieldRows(field, depth - 1, `${path}${isArray(field) ? "[]" : ""}.`)];
  });
}
