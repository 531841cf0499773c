import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { translate } from "@/lib/i18n";

// PersonName reads its words on the server; withPeople, tested here, needs none of it.
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
const { withPeople } = await import("@/components/person-name");

const html = (node: unknown) =>
  renderToStaticMarkup(createElement(Fragment, null, node as React.ReactNode));

describe("withPeople", () => {
  const t = translate("decisions", "en");
  const rosa = createElement("b", null, "Rosa");

  it("puts a person where the message names them", () => {
    const line = withPeople((people) => t("appealLine", { ...people, reason: "Too soon." }), {
      name: rosa,
    });
    expect(html(line)).toBe("Appealed by <b>Rosa</b>: Too soon.");
  });

  it("leaves typed text that imitates a placeholder's marker as it was typed", () => {
    const forged = "\uE000name\uE000 \uE000x:name\uE000";
    const line = withPeople((people) => t("appealLine", { ...people, reason: forged }), {
      name: rosa,
    });
    expect(html(line)).toBe(`Appealed by <b>Rosa</b>: ${forged}`);
  });
});
