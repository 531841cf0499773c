import { getTranslations } from "next-intl/server";
import type { DeclarationState } from "@/lib/registry/rules";

/** Each state in words, with a tone that matches the badge's colour family. */
const tones: Record<Exclude<DeclarationState, "draft">, string> = {
  listed: "border-green-300 bg-green-50 text-green-900",
  pending_review: "border-amber-300 bg-amber-50 text-amber-900",
  lapsed: "border-stone-300 bg-stone-100 text-stone-800",
  withdrawn: "border-blue-300 bg-blue-50 text-blue-900",
  struck_off: "border-red-300 bg-red-50 text-red-900",
};

export async function RegistryState({ state }: { state: DeclarationState }) {
  const t = await getTranslations("registry.list");
  if (state === "draft") return null;
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${tones[state]}`}>
      {t(`states.${state}`)}
    </span>
  );
}
