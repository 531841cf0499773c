import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { Section } from "@/components/ui/page";
import { webhookEndpointPath } from "@/lib/paths";
import { isWebhookEventType, TEST_EVENT } from "@/lib/webhooks/events";
import type { deliveryLog, endpointById, listEndpoints } from "@/lib/webhooks/queries";
import { CreateEndpointForm, EndpointControls } from "./endpoint-forms";

type Owner = { standard: string } | { organisation: string };
const eventKey = (type: string) => type.replace(".", "_") as "call_opened";

/** The endpoints of a standard or an organisation, and the form that adds one. */
export async function EndpointsSection({
  owner,
  endpoints,
  events,
}: {
  owner: Owner;
  endpoints: Awaited<ReturnType<typeof listEndpoints>>;
  events: readonly string[];
}) {
  const t = await getTranslations("webhooks");
  const slug = "standard" in owner ? owner.standard : owner.organisation;
  return (
    <>
      <Section title={t("manage.endpoints")} id="endpoints">
        {endpoints.length === 0 ? (
          <p className="text-muted">{t("manage.none")}</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {endpoints.map((endpoint) => (
              <li key={endpoint.id} className="p-3">
                <p className="break-all font-medium">
                  <Link href={webhookEndpointPath(owner, endpoint.id)}>{endpoint.url}</Link>
                </p>
                <p className="text-sm text-muted">
                  {t(`formats.${endpoint.format as "json"}`)} ·{" "}
                  {endpoint.enabled ? t("manage.enabled") : t("manage.disabled")} ·{" "}
                  {endpoint.events.length === 0
                    ? t("manage.allEvents")
                    : endpoint.events
                        .filter(isWebhookEventType)
                        .map((type) => t(`events.${eventKey(type)}`))
                        .join(", ")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t("manage.addTitle")} id="add">
        <ClientMessages paths={["webhooks"]}>
          <CreateEndpointForm
            owner={"standard" in owner ? "standard" : "organisation"}
            slug={slug}
            events={events}
          />
        </ClientMessages>
      </Section>
    </>
  );
}

/** One endpoint: its secret, its state and controls, and its delivery log, newest first. */
export async function EndpointDetails({
  owner,
  endpoint,
  log,
  back,
  paged,
}: {
  owner: Owner;
  endpoint: NonNullable<Awaited<ReturnType<typeof endpointById>>>;
  log: Awaited<ReturnType<typeof deliveryLog>>;
  back: string;
  /** Whether this page of the log is not the newest. */
  paged: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("webhooks"), getFormatter()]);
  const when = (at: Date) => format.dateTime(at, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <>
      <dl className="mb-6 grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <dt className="font-medium">{t("manage.url")}</dt>
        <dd className="break-all">{endpoint.url}</dd>
        <dt className="font-medium">{t("manage.format")}</dt>
        <dd>
          {t(`formats.${endpoint.format as "json"}`)}
          {endpoint.matrixRoomId ? ` · ${endpoint.matrixRoomId}` : null}
        </dd>
        <dt className="font-medium">{t("manage.events")}</dt>
        <dd>
          {endpoint.events.length === 0
            ? t("manage.allEvents")
            : endpoint.events
                .filter(isWebhookEventType)
                .map((type) => t(`events.${eventKey(type)}`))
                .join(", ")}
        </dd>
        <dt className="font-medium">{t("manage.state")}</dt>
        <dd>
          {endpoint.enabled
            ? t("manage.enabled")
            : endpoint.disabledAt
              ? t("manage.disabledBecause", {
                  at: when(endpoint.disabledAt),
                  reason: endpoint.disabledReason ?? "other",
                })
              : t("manage.disabled")}
        </dd>
        <dt className="font-medium">
          <label htmlFor="webhook-secret">{t("manage.secret")}</label>
        </dt>
        <dd>
          <input
            id="webhook-secret"
            readOnly
            value={endpoint.secret}
            aria-describedby="webhook-secret-hint"
            className="w-full rounded-md border border-line bg-stone-50 px-3 py-2 font-mono text-sm"
          />
          <p id="webhook-secret-hint" className="mt-1 text-sm text-muted">
            {t("manage.secretHint")}
          </p>
        </dd>
      </dl>
      <ClientMessages paths={["webhooks"]}>
        <EndpointControls endpointId={endpoint.id} enabled={endpoint.enabled} back={back} />
      </ClientMessages>
      <Section title={t("manage.log")} id="log">
        {log.attempts.length === 0 ? (
          <p className="text-muted">{t("manage.logEmpty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">{t("manage.log")}</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="p-2">
                    {t("manage.time")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("manage.event")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("manage.status")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("manage.duration")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("manage.problem")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.attempts.map((attempt) => (
                  <tr key={attempt.id} className="border-b border-line">
                    <td className="p-2">
                      <time dateTime={attempt.at.toISOString()}>{when(attempt.at)}</time>
                    </td>
                    <td className="p-2">
                      {attempt.eventType === TEST_EVENT
                        ? t("events.webhook_test")
                        : isWebhookEventType(attempt.eventType)
                          ? t(`events.${eventKey(attempt.eventType)}`)
                          : attempt.eventType}
                    </td>
                    <td className="p-2">{attempt.status ?? t("manage.noAnswer")}</td>
                    <td className="p-2">{t("manage.durationMs", { ms: attempt.durationMs })}</td>
                    <td className="p-2">
                      {attempt.problem ? t(`manage.problems.${attempt.problem as "timeout"}`) : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="mt-4 flex gap-4" aria-label={t("manage.log")}>
          {paged ? (
            <Link href={webhookEndpointPath(owner, endpoint.id)}>{t("manage.newest")}</Link>
          ) : null}
          {log.next !== undefined ? (
            <Link href={webhookEndpointPath(owner, endpoint.id, log.next)}>
              {t("manage.older")}
            </Link>
          ) : null}
        </nav>
      </Section>
    </>
  );
}
