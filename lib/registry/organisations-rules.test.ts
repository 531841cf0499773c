import { describe, expect, it } from "vitest";
import { countries, countryName, isCountryCode } from "@/lib/registry/countries";
import {
  firstFreeSlug,
  isEmailContact,
  isOrganisationSlug,
  organisationSchema,
  slugBase,
  websiteHost,
} from "@/lib/registry/organisations-rules";
import { SLUG } from "@/lib/validation";

describe("an organisation's slug", () => {
  it.each([
    ["Brightbulb Ltd", "brightbulb-ltd"],
    ["  Čudna Žarulja GmbH ", "cudna-zarulja-gmbh"],
    ["Société Générale d'Éclairage", "societe-generale-d-eclairage"],
    ["ACME -- Devices!!", "acme-devices"],
    ["Ørsted Straße", "orsted-strasse"],
    ["世界", "organisation"],
    ["---", "organisation"],
  ])("reads %j as %j", (name, slug) => {
    expect(slugBase(name)).toBe(slug);
  });

  it("stays within the slug pattern, with room for a suffix", () => {
    const base = slugBase(`${"Very long name ".repeat(10)}Ltd`);
    expect(base.length).toBeLessThanOrEqual(50);
    expect(base).not.toMatch(/-$/);
    expect(`${base}-999`).toMatch(SLUG);
  });

  it("takes the first free suffix, never a reserved address", () => {
    expect(firstFreeSlug("acme", [])).toBe("acme");
    expect(firstFreeSlug("acme", ["acme"])).toBe("acme-2");
    expect(firstFreeSlug("acme", ["acme", "acme-2", "acme-4"])).toBe("acme-3");
    expect(firstFreeSlug("new", [])).toBe("new-2");
    expect(isOrganisationSlug("new")).toBe(false);
    expect(isOrganisationSlug("new-2")).toBe(true);
  });
});

describe("countries", () => {
  it("holds the 249 assigned ISO 3166-1 alpha-2 codes, by name", () => {
    expect(countries).toHaveLength(249);
    expect(isCountryCode("DE")).toBe(true);
    expect(isCountryCode("KE")).toBe(true);
    for (const code of ["de", "XX", "EU", "UK", "ZZ", "", "toString", "__proto__"]) {
      expect(isCountryCode(code)).toBe(false);
    }
    expect(countryName("GB")).toBe("United Kingdom");
    expect(countryName("XX")).toBe("XX");
    const names = countries.map((country) => country.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });
});

describe("an organisation's details", () => {
  const valid = {
    name: "Brightbulb Ltd",
    country: "de",
    website: "https://brightbulb.example",
    contact: " Registry@Brightbulb.example ",
  };

  it("normalises the country and an email contact", () => {
    expect(organisationSchema.parse(valid)).toEqual({
      ...valid,
      country: "DE",
      contact: "registry@brightbulb.example",
    });
  });

  it.each([
    [{ name: "Bright<script>" }, "name", "plain_text_only"],
    [{ country: "Germany" }, "country", "invalid_country"],
    [{ website: "brightbulb.example" }, "website", "invalid_url"],
    [{ website: "mailto:a@b.example" }, "website", "invalid_url"],
    [{ contact: "a@b" }, "contact", "invalid_email"],
    [{ contact: "call us" }, "contact", "invalid_url"],
  ])("refuses %j", (change, field, code) => {
    const result = organisationSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      [field, code],
    ]);
  });

  it("tells an email contact from a page, and a website's host", () => {
    expect(isEmailContact("a@b.example")).toBe(true);
    expect(isEmailContact("https://b.example/@team")).toBe(false);
    expect(websiteHost("https://WWW.Example.org./x")).toBe("www.example.org");
    expect(websiteHost("nonsense")).toBeNull();
  });
});
