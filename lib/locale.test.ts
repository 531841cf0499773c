import { describe, expect, it } from "vitest";
import {
  chooseLocale,
  cookieValue,
  isLocale,
  isTimeZone,
  localeCookie,
  localeFromAcceptLanguage,
  timeZones,
} from "@/lib/locale";

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["fr", "fr"],
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"],
    ["en-GB,en;q=0.9", "en"],
    ["es-ES,es;q=0.9,de;q=0.5,fr;q=0.4", "de"],
    ["en;q=0.2,fr;q=0.9", "fr"],
    ["de;q=0.5,fr;q=0.5", "de"],
    ["FR-be", "fr"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [""],
    ["*"],
    ["es, it;q=0.8"],
    ["fr;q=0"],
    ["fr;q=abc"],
    ["fr;q=2"],
    ["<script>"],
    ["f r"],
  ])("%s names none of ours", (header) => {
    expect(localeFromAcceptLanguage(header)).toBeNull();
  });
});

describe("chooseLocale", () => {
  it("prefers the profile, then the cookie, then the browser's languages, then English", () => {
    expect(chooseLocale({ profile: "de", cookie: "fr", acceptLanguage: "fr" })).toBe("de");
    expect(chooseLocale({ profile: null, cookie: "fr", acceptLanguage: "de" })).toBe("fr");
    expect(chooseLocale({ cookie: undefined, acceptLanguage: "de-AT" })).toBe("de");
    expect(chooseLocale({})).toBe("en");
  });

  it("passes over unknown values without error", () => {
    expect(chooseLocale({ profile: "xx", cookie: "klingon", acceptLanguage: "fr" })).toBe("fr");
    expect(chooseLocale({ cookie: "../../etc", acceptLanguage: "zz" })).toBe("en");
  });
});

describe("cookieValue and isLocale", () => {
  it("reads one cookie", () => {
    expect(cookieValue("a=1; hum-locale=fr; b=2", "hum-locale")).toBe("fr");
    expect(cookieValue("hum-locale-x=fr", "hum-locale")).toBeUndefined();
    expect(cookieValue(undefined, "hum-locale")).toBeUndefined();
  });

  it("knows our locales only", () => {
    expect(isLocale("fr")).toBe(true);
    expect(isLocale("fr-FR")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe("time zones", () => {
  it("offer UTC first, once, then the runtime's IANA names", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones.filter((zone) => zone === "UTC")).toHaveLength(1);
    expect(zones).toContain("Europe/Paris");
  });

  it.each(["UTC", "Europe/Berlin", "Asia/Kolkata", "Asia/Calcutta"])("accept %s", (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(["", "Europe/Atlantis", "+01:00", "utc ", 42, null, "x".repeat(200)])(
    "refuse %j",
    (zone) => {
      expect(isTimeZone(zone)).toBe(false);
    },
  );
});

describe("the language cookie", () => {
  it("lasts a year on the whole site, Lax, Secure only over https", () => {
    expect(localeCookie("fr", "http://127.0.0.1:3000")).toEqual({
      name: "hum-locale",
      value: "fr",
      options: {
        path: "/",
        maxAge: 365 * 24 * 60 * 60,
        sameSite: "lax",
        secure: false,
        httpOnly: false,
      },
    });
    expect(localeCookie("de", "https://hum.example").options.secure).toBe(true);
  });
});
