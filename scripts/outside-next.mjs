/**
 * Loaded with `--import` by everything that runs Hum's code outside Next.js: the launcher, the
 * collab server, benchmarks, end-to-end tests.
 *
 * Modules that reach the database or hold secrets start with `import "server-only"`, so that a
 * client component importing one fails the Next.js build. Next.js resolves that specifier itself;
 * plain Node resolves the package to a module that throws, unless the "react-server" condition
 * is on. That condition cannot be turned on for the whole process (`--conditions`): React would
 * then load its server-components build, which has no react-dom/server for the emails. So it is
 * turned on for this one specifier only, and every other resolution is left alone.
 */
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== "server-only") return nextResolve(specifier, context);
    return nextResolve(specifier, {
      ...context,
      conditions: [...context.conditions, "react-server"],
    });
  },
});
