import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle, Section } from "@/components/ui/page";
import type { Endpoint } from "@/lib/api/endpoint";
import { apiEndpoints } from "@/lib/api/endpoints";
import { openApiDocument } from "@/lib/api/openapi";
import { problemKinds } from "@/lib/api/problem";
import { type FieldRow, fieldRows, typeName } from "@/lib/api/reference";
import { API_PREFIX } from "@/lib/api/router";
import { scopes } from "@/lib/api/tokens";
import { publicUrl } from "@/lib/env";

// The origin comes from the running server's settings, not the build's.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiReference"))("title") };
}

type Parameter = {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: object;
};
type Operation = {
  parameters: Parameter[];
  requestBody?: { content: { "application/json": { schema: object } } };
  responses: Record<string, { content?: { "application/json"?: { schema: object } } }>;
};

/** Descriptions mark code with backticks, as Markdown does; shown as code here too. */
function Inline({ text }: { text: string }) {
  return text.split(/`([^`]+)`/).map((part, index) =>
    // Odd parts were between backticks.
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
    index % 2 ? <code key={index}>{part}</code> : part,
  );
}

function Fields({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  return (
    <table className="mt-2 w-full border-collapse text-left text-sm [overflow-wrap:anywhere]">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path} className="border-b border-line align-top">
            <th scope="row" className="py-1 pr-4 font-normal">
              <code>{row.path}</code>
              {row.required ? null : <span className="text-muted"> ?</span>}
            </th>
            <td className="py-1 pr-4 text-muted">{row.type}</td>
            <td className="py-1">
              <Inline text={row.description} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function EndpointEntry({
  endpoint,
  operation,
}: {
  endpoint: Endpoint;
  operation: Operation;
}) {
  const t = await getTranslations("apiReference");
  const example = `${API_PREFIX}${endpoint.example.path}`;
  const answer =
    operation.responses[String(endpoint.status)]?.content?.["application/json"]?.schema;
  const body = operation.requestBody?.content["application/json"].schema;
  return (
    <article id={endpoint.operationId} className="mb-8 scroll-mt-4 border-l-2 border-line pl-4">
      <h3 className="font-semibold">
        <code>{endpoint.method}</code> <code>{endpoint.path}</code>
      </h3>
      <p>{endpoint.summary}</p>
      {endpoint.description ? (
        <p className="text-muted">
          <Inline text={endpoint.description} />
        </p>
      ) : null}
      <p className="text-sm text-muted">
        {endpoint.scope ? t("needsScope", { scope: endpoint.scope }) : t("noTokenNeeded")}
      </p>
      {operation.parameters.length > 0 ? (
        <>
          <h4 className="mt-2 text-sm font-semibold">{t("parameters")}</h4>
          <Fields
            caption={t("parametersOf", { path: endpoint.path })}
            rows={operation.parameters.map((parameter) => ({
              path: `${parameter.name} (${t(parameter.in === "path" ? "inPath" : "inQuery")})`,
              type: typeName(parameter.schema),
              required: parameter.required,
              description: parameter.description ?? "",
            }))}
          />
        </>
      ) : null}
      {body ? (
        <>
          <h4 className="mt-2 text-sm font-semibold">{t("body")}</h4>
          <Fields caption={t("bodyOf", { path: endpoint.path })} rows={fieldRows(body)} />
        </>
      ) : null}
      {answer ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-semibold">{t("answer")}</summary>
          <Fields caption={t("answerOf", { path: endpoint.path })} rows={fieldRows(answer)} />
        </details>
      ) : null}
      <div className="mt-2 text-sm">
        {endpoint.method === "GET" ? (
          <>
            {t("tryIt")}{" "}
            <a href={example} className="underline">
              {example}
            </a>
          </>
        ) : (
          <>
            {t("example")} <code>{`${endpoint.method} ${example}`}</code>
            {endpoint.example.body ? (
              <pre className="mt-1 overflow-x-auto rounded bg-stone-100 p-2 text-xs">
                {JSON.stringify(endpoint.example.body, null, 2)}
              </pre>
            ) : null}
          </>
        )}
      </div>
    </article>
  );
}

export default async function ApiReferencePage() {
  const t = await getTranslations("apiReference");
  const origin = publicUrl();
  const document = openApiDocument(apiEndpoints, origin);
  const groups = [...new Set(apiEndpoints.map((endpoint) => endpoint.group))];
  const operationOf = (endpoint: Endpoint) =>
    (document.paths[endpoint.path] as Record<string, Operation>)[
      endpoint.method.toLowerCase()
    ] as Operation;
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <Section title={t("startTitle")} id="start">
        <ul className="list-disc space-y-2 pl-5">
          <li>
            {t("base")} <code>{`${origin}${API_PREFIX}`}</code>
          </li>
          <li>
            {t("document")}{" "}
            <a
              href={`${API_PREFIX}/openapi.json`}
              className="underline"
            >{`${API_PREFIX}/openapi.json`}</a>
          </li>
          <li>{t("anonymous")}</li>
          <li>
            {t.rich("tokens", {
              link: (chunks) => (
                <Link href="/profile#tokens" className="underline">
                  {chunks}
                </Link>
              ),
            })}{" "}
            <code>Authorization: Bearer hum_…</code>
          </li>
        </ul>
        <h3 className="mt-4 font-semibold">{t("scopesTitle")}</h3>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {scopes.map((scope) => (
            <div key={scope} className="contents">
              <dt>
                <code>{scope}</code>
              </dt>
              <dd>{t(`scopes.${scope}`)}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title={t("conventionsTitle")} id="conventions">
        <ul className="list-disc space-y-2 pl-5">
          <li>{t("paging")}</li>
          <li>{t("filters")}</li>
          <li>{t("caching")}</li>
          <li>{t("cors")}</li>
          <li>{t("limits")}</li>
        </ul>
      </Section>
      <Section title={t("problemsTitle")} id="problems">
        <p className="mb-2">{t("problems")}</p>
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t("problemsTitle")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-4">
                {t("problemType")}
              </th>
              <th scope="col" className="py-1 pr-4">
                {t("problemStatus")}
              </th>
              <th scope="col" className="py-1">
                {t("problemMeaning")}
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(problemKinds).map(([kind, { status, title }]) => {
              const anchor = `problem-${kind.replaceAll("_", "-")}`;
              return (
                <tr key={kind} id={anchor} className="scroll-mt-4 border-b border-line">
                  <td className="py-1 pr-4">
                    <code>#{anchor}</code>
                  </td>
                  <td className="py-1 pr-4">{status}</td>
                  <td className="py-1">{title}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
      <nav aria-label={t("contents")} className="mb-10">
        <h2 className="mb-2 text-xl font-semibold">{t("contents")}</h2>
        <ul className="list-disc pl-5">
          {groups.map((group) => (
            <li key={group}>
              <a href={`#${group.toLowerCase().replaceAll(" ", "-")}`}>{group}</a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <Section key={group} title={group} id={group.toLowerCase().replaceAll(" ", "-")}>
          {apiEndpoints
            .filter((endpoint) => endpoint.group === group)
            .map((endpoint) => (
              <EndpointEntry
                key={endpoint.operationId}
                endpoint={endpoint}
                operation={operationOf(endpoint)}
              />
            ))}
        </Section>
      ))}
    </>
  );
}
