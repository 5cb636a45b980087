/**
 * What a function loads when it boots: the modules its entrypoint reaches through static
 * imports only. A dynamic import (`shared/lazy.ts`) is left out, since it runs when a request
 * first needs it. The boot test keeps the heavy modules out of this set.
 */
import { denoInfo, DEPLOY_IMPORT_MAP, ROOT } from "./deploy.ts";

/** The modules an entrypoint loads at boot. */
export interface BootGraph {
  /** Local files, relative to the repository root (`shared/config.ts`). */
  localModules: string[];
  /** npm packages, by name (`hono`, `@hono/zod-openapi`). */
  packages: string[];
}

/**
 * The static import closure of `entrypoint` (relative to the repository root), its bare
 * specifiers resolved by the deploy's import map, as a deployed function resolves them (without
 * one, `npm` packages would not be resolved and so never counted).
 */
export async function bootGraph(entrypoint: string): Promise<BootGraph> {
  const info = await denoInfo(entrypoint, DEPLOY_IMPORT_MAP.pathname);
  const modules = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const pending = [...info.roots];
  while (pending.length > 0) {
    const specifier = pending.pop()!;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dependency of modules.get(specifier)?.dependencies ?? []) {
      const target = dependency.code?.specifier;
      if (target && !dependency.isDynamic) pending.push(target);
    }
  }
  const localModules: string[] = [];
  const packages = new Set<string>();
  for (const specifier of seen) {
    if (specifier.startsWith(ROOT.href)) {
      localModules.push(decodeURIComponent(specifier.slice(ROOT.href.length)));
    }
    // npm:/name@1.2.3/sub, npm:name@1.2.3, npm:/@scope/name@1.2.3/sub
    const npm = /^npm:\/?((?:@[^/]+\/)?[^@/]+)@/.exec(specifier);
    if (npm) packages.add(npm[1]);
  }
  return { localModules: localModules.sort(), packages: [...packages].sort() };
}
