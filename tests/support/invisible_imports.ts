/**
 * Finds imports a deploy cannot see: `import(x)` whose specifier is not a string literal. The
 * Supabase CLI finds a function's files by scanning for literal specifiers, and `deno info`
 * lists only what it can resolve statically, so a computed specifier loads a file that was never
 * uploaded — a function that fails on Supabase and nowhere else. Uses Deno's own parser through
 * a lint plugin (`Deno.lint.runPlugin`, available under `deno test` only).
 */

/** One computed dynamic import. */
export interface InvisibleImport {
  /** The file, as named by the caller. */
  file: string;
  /** 1-based line of the `import(` call. */
  line: number;
  /** The call's source text. */
  text: string;
}

const plugin: Deno.lint.Plugin = {
  name: "deploy",
  rules: {
    "literal-dynamic-import": {
      create(context) {
        return {
          ImportExpression(node) {
            // A template literal counts as computed even without `${}`: the CLI looks for quotes.
            if (node.source.type !== "Literal") {
              context.report({ node, message: "dynamic import with a computed specifier" });
            }
          },
        };
      },
    },
  },
};

/** The computed dynamic imports of one module's source (`file` names it; its extension counts). */
export function invisibleImports(file: string, source: string): InvisibleImport[] {
  return Deno.lint.runPlugin(plugin, file, source).map((d) => ({
    file,
    line: source.slice(0, d.range[0]).split("\n").length,
    text: source.slice(d.range[0], d.range[1]),
  }));
}
