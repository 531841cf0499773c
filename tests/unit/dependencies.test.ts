import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";

/**
 * A fresh `npm install` or `npm ci` must be quiet: no peer-dependency conflict for npm to
 * override, no install script left unreviewed. The lockfile is what a newcomer installs, so the
 * checks read it rather than whatever node_modules happens to hold.
 */

type Manifest = {
  dependencies: Record<string, string>;
  overrides?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
type Locked = { version?: string; hasInstallScript?: boolean };

const root = path.resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Manifest;
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, Locked>;
};

/** Every installed package, by name, with where it is installed. */
const installed = Object.entries(lock.packages)
  .filter(([where]) => where.includes("node_modules/"))
  .map(([where, entry]) => ({
    where,
    name: where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length),
    ...entry,
  }));

/** y-tiptap is versioned on its own (3.0.x); every other Tiptap package pins core's version. */
const isTiptap = (name: string) => name.startsWith("@tiptap/") && name !== "@tiptap/y-tiptap";

describe("a quiet install", () => {
  it("installs every Tiptap package at the one version Hum pins, so their exact peers are met", () => {
    const core = manifest.dependencies["@tiptap/core"];
    const pinned = Object.entries(manifest.dependencies).filter(([name]) => isTiptap(name));
    expect(pinned.filter(([, version]) => version !== core)).toEqual([]);
    const strays = installed
      .filter((entry) => isTiptap(entry.name) && entry.version !== core)
      .map((entry) => `${entry.where}@${entry.version}`);
    expect(strays).toEqual([]);
  });

  it("installs one copy of Yjs", () => {
    expect(installed.filter((entry) => entry.name === "yjs").map((entry) => entry.where)).toEqual([
      "node_modules/yjs",
    ]);
  });

  it("has decided, in allowScripts, on every dependency's install script", () => {
    const allowScripts = manifest.allowScripts ?? {};
    const undecided = installed
      .filter((entry) => entry.hasInstallScript && !(entry.name in allowScripts))
      .map((entry) => `${entry.name}@${entry.version}`);
    expect(undecided).toEqual([]);
  });
});

describe("one Yjs per server process", () => {
  it("keeps Yjs out of the Next.js server bundles, which would each carry their own copy", () => {
    expect(nextConfig.serverExternalPackages).toContain("yjs");
  });
});
