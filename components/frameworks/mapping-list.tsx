import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Mapping } from "@/lib/drafting/mappings";

export type FrameworkName = { key: string; name: string; version: string; url: string };

/** A framework as readers know it: its name and version, else the key mappings name it by. */
export function frameworkLabel(framework: FrameworkName | undefined, key: string): string {
  if (!framework) return key;
  return framework.version ? `${framework.name} ${framework.version}` : framework.name;
}

/**
 * A clause's links to other frameworks: which provision, how the clause relates to it and why.
 * `href` makes each provision a link (the reader's filter); `action` adds a control (remove).
 */
export async function MappingList({
  mappings,
  frameworks,
  href,
  action,
}: {
  mappings: readonly Mapping[];
  frameworks: readonly FrameworkName[];
  href?: (mapping: Mapping) => string;
  action?: (mapping: Mapping, frameworkName: string) => ReactNode;
}) {
  const t = await getTranslations("frameworks");
  const byKey = new Map(frameworks.map((framework) => [framework.key, framework]));
  return (
    <ul className="mapping-list space-y-2 text-sm">
      {mappings.map((mapping) => {
        const name = frameworkLabel(byKey.get(mapping.framework), mapping.framework);
        const label = t("mapping", { framework: name, provision: mapping.provision });
        return (
          <li
            key={`${mapping.framework} ${mapping.provision} ${mapping.relationship}`}
            className="flex flex-wrap items-baseline gap-x-2"
          >
            <span className="font-medium">
              {href ? <Link href={href(mapping)}>{label}</Link> : label}
            </span>
            <span className="rounded border border-line px-2 py-0.5 text-xs">
              {t(`relationships.${mapping.relationship}`)}
            </span>
            {mapping.rationale ? <span className="text-muted">{mapping.rationale}</span> : null}
            {action ? <span className="ml-auto">{action(mapping, name)}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
