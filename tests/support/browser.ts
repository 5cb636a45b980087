/**
 * A real browser for the tests: Debian's `chromium` (installed by .ci/run) driven by
 * playwright-core, whose own browser download cannot work here. `CHROMIUM_PATH` overrides the
 * executable.
 */
import { type Browser, chromium } from "playwright-core";

/** The Chromium executable the tests drive. */
export const CHROMIUM_PATH = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/** Launches headless Chromium, failing with the install command when it is missing. */
export async function launchChromium(): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM_PATH);
  } catch {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (as .ci/run does), ` +
        "or set CHROMIUM_PATH",
    );
  }
  // --no-sandbox: Chromium's sandbox refuses to start as root, which CI runs as.
  return await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox"] });
}
