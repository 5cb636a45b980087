/**
 * From an upload's bytes to the onboarding facts it states: text extraction per type (heavy
 * readers loaded only when needed), then field extraction: the rule-based extractor's labelled
 * values, completed in AI mode by the model's evidenced reading.
 */
import type { Config } from "../../../shared/config.ts";
import type { DetectedType } from "../../../shared/documents/detect.ts";
import { DocumentError } from "../../../shared/documents/errors.ts";
import type { DocumentFacts } from "../../../shared/onboarding/types.ts";

/** MIME type of each detected type, for storage. */
export const MIME_TYPES: Readonly<Record<DetectedType["type"], string>> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpeg: "image/jpeg",
  txt: "text/plain",
};

/** Said when an image arrives and no vision model is configured. */
export const IMAGE_NEEDS_AI =
  "Reading text from images needs a vision model: set OPENAI_API_KEY (AI mode) to upload JPG or PNG files";

/**
 * The text of a document. Throws {@link DocumentError} with a user-facing detail when the
 * file cannot be read.
 */
export async function readDocumentText(
  bytes: Uint8Array,
  detected: DetectedType,
  config: Config,
): Promise<string> {
  switch (detected.type) {
    case "txt": {
      const { decodeText } = await import("../../../shared/documents/text.ts");
      return decodeText(bytes, detected.encoding ?? "utf-8");
    }
    case "docx": {
      const { extractDocxYielding } = await import("../../../shared/documents/docx.ts");
      return await extractDocxYielding(bytes);
    }
    case "pdf": {
      const { extractPdfText } = await import("../../../shared/documents/pdf.ts");
      return (await extractPdfText(bytes, { timeoutMs: config.pdfTimeBudgetMs })).text;
    }
    case "png":
    case "jpeg": {
      if (!config.openai) throw new DocumentError(IMAGE_NEEDS_AI);
      const { describeImageText } = await import("../../../shared/onboarding/ai/vision.ts");
      try {
        return await describeImageText(config.openai, bytes, MIME_TYPES[detected.type]);
      } catch {
        throw new DocumentError("The image could not be read right now; please try again later");
      }
    }
  }
}

/**
 * The facts a document's text states: its labelled values by the rule-based extractor, and in
 * AI mode the model's reading (values the text states) filling the fields those lack. When the
 * model fails, the rule extractor's facts alone (the failure is passed to `onAiFailure`).
 */
export async function readDocumentFacts(
  original: string,
  config: Config,
  onAiFailure: (error: unknown) => void,
): Promise<DocumentFacts> {
  // A document in Simplified Chinese is read, and its values stored, in Traditional Chinese.
  const { toTraditional } = await import("../../../shared/onboarding/parsing/script.ts");
  const text = await toTraditional(original);
  const { extractFieldsYielding } = await import("../../../shared/documents/fields.ts");
  const rule = await extractFieldsYielding(text);
  if (config.openai) {
    try {
      const { extractFieldsWithAi, mergeDocumentFacts } = await import(
        "../../../shared/onboarding/ai/document.ts"
      );
      return mergeDocumentFacts(rule, await extractFieldsWithAi(config.openai, text));
    } catch (error) {
      onAiFailure(error);
    }
  }
  return rule;
}
