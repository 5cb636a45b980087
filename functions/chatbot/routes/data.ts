/**
 * Collected data and its export (contract §5.7–§5.9). The fixed paths are registered before
 * their `{session_id}` siblings so they are never swallowed by them.
 */
import { z } from "zod";
import {
  completedSnapshots,
  findCopySource,
  loadSnapshot,
  sessionData,
} from "../../../shared/db/onboarding.ts";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import {
  AUTHENTICATED_ERRORS,
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  errorResponses,
  EXAMPLE_TIME,
  json,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { recordActivity, recordActivityIfOwned } from "../../../shared/db/activity.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import { sessionNotFound, SessionPath } from "./session_path.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { toExportRecord } from "../../../shared/onboarding/export.ts";
import { EXAMPLE_EXPORT, EXAMPLE_PRODUCT } from "../../../shared/onboarding/example_company.ts";

/** The contract's §5.7 example. */
const DATA_EXAMPLE = {
  id: 1,
  chat_session_id: 1,
  user_id: 1,
  industry: "電子業",
  capital_amount: 5000000,
  invention_patent_count: 10,
  utility_patent_count: 5,
  certification_count: 3,
  esg_certification: true,
  esg_certification_count: 2,
  esg_certifications: ["ISO 14064", "ISO 14067"],
  created_at: EXAMPLE_TIME,
  updated_at: EXAMPLE_TIME,
  products: [{ id: 1, onboarding_id: 1, ...EXAMPLE_PRODUCT, created_at: EXAMPLE_TIME }],
};

/** The response schemas, made with the document (they validate nothing: see `documentOnly`). */
const schemas = documentOnly(() => {
  const { TimestampSchema } = documentSchemas();
  const text = z.string().nullable();
  const count = z.number().int().min(0).nullable();

  const ProductSchema = z.strictObject({
    id: z.number().int(),
    onboarding_id: z.number().int(),
    product_id: text,
    product_name: z.string(),
    price: text,
    main_raw_materials: text,
    product_standard: text.meta({ description: "Size, precision" }),
    technical_advantages: text,
    created_at: TimestampSchema,
  }).meta({ id: "Product" });

  /** A session's collected data (contract §5.7); `null` where not collected yet. */
  const DataSchema = z.strictObject({
    id: z.number().int(),
    chat_session_id: z.number().int(),
    user_id: z.number().int(),
    industry: text,
    capital_amount: count.meta({ description: "In New Taiwan dollars" }),
    invention_patent_count: count,
    utility_patent_count: count,
    certification_count: count,
    esg_certification: z.boolean().nullable(),
    esg_certification_count: count,
    esg_certifications: z.array(z.string()).nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
    products: z.array(ProductSchema),
  }).meta({ id: "OnboardingData" });

  const CurrentSchema = z.union([
    z.strictObject({ has_data: z.literal(true), data: DataSchema }),
    z.strictObject({ has_data: z.literal(false), data: z.null() }),
  ]).meta({ id: "CurrentData" });

  return { DataSchema, CurrentSchema };
});

/** Adds the data and export routes to `app`. */
export function dataRoutes(app: FunctionApp, deps: AppDeps): void {
  declareRoute(app, {
    method: "get",
    path: "/data/current",
    document: () => ({
      operationId: "currentData",
      tags: ["chatbot"],
      summary: "The data a new session would start from",
      description: "The data the next `POST /sessions/new` would copy: the latest completed " +
        "session's, else the latest updated session's that has any.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The data, or none",
          headers: successHeaders(),
          content: json(schemas().CurrentSchema, { has_data: true, data: DATA_EXAMPLE }),
        },
        ...errorResponses(AUTHENTICATED_ERRORS),
      },
    }),
  }, async (c) => {
    const data = await withUser(c, deps, async (tx, caller) => {
      const source = await findCopySource(tx, caller.owner);
      return source ? await sessionData(tx, caller.owner, source.sessionId) : undefined;
    });
    return c.json(data ? { has_data: true, data } : { has_data: false, data: null });
  });

  declareRoute(app, {
    method: "get",
    path: "/data/{session_id}",
    params: SessionPath,
    onInvalid: sessionNotFound,
    document: () => ({
      operationId: "sessionData",
      tags: ["chatbot"],
      summary: "A session's data",
      description: "The company profile and products collected in the session; fields not yet " +
        "collected are `null`.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The data",
          headers: successHeaders(),
          content: json(schemas().DataSchema, DATA_EXAMPLE),
        },
        ...errorResponses([...AUTHENTICATED_ERRORS, 404]),
      },
    }),
  }, async (c, { params }) => {
    const { session_id: sessionId } = params;
    const data = await withUser(c, deps, (tx, caller) => sessionData(tx, caller.owner, sessionId));
    if (!data) throw sessionNotFound();
    return c.json(data);
  });

  declareRoute(app, {
    method: "get",
    path: "/export/all",
    document: () => ({
      operationId: "exportAll",
      tags: ["chatbot"],
      summary: "Export every completed session",
      description: "One export object per completed session of the caller, newest first " +
        "(`[]` when none).",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The exports",
          headers: successHeaders(),
          content: json(z.array(documentSchemas().ExportSchema), [EXAMPLE_EXPORT]),
        },
        ...errorResponses(AUTHENTICATED_ERRORS),
      },
    }),
  }, async (c) => {
    // The export is recorded in the same round trip as it is read.
    const snapshots = await withUser(c, deps, async (tx, caller) => {
      const [snapshots] = await Promise.all([
        completedSnapshots(tx, caller.owner),
        recordActivity(tx, "export", null, { all: true }),
      ]);
      return snapshots;
    }, { durable: true });
    return c.json(snapshots.map(toExportRecord));
  });

  declareRoute(app, {
    method: "get",
    path: "/export/{session_id}",
    params: SessionPath,
    onInvalid: sessionNotFound,
    document: () => ({
      operationId: "exportSession",
      tags: ["chatbot"],
      summary: "Export a session",
      description: "The session's data with the main system's Chinese keys, exactly in this " +
        "order. `ESG相關認證資料` is `有`, `無` or `null`; missing values are `null`; `產品` is " +
        "`[]` when there are none.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The export",
          headers: successHeaders(),
          content: json(documentSchemas().ExportSchema, EXAMPLE_EXPORT),
        },
        ...errorResponses([...AUTHENTICATED_ERRORS, 404]),
      },
    }),
  }, async (c, { params }) => {
    const { session_id: sessionId } = params;
    // Recorded in the same round trip as the read, and only when the session is the caller's.
    const snapshot = await withUser(c, deps, async (tx, caller) => {
      const [snapshot] = await Promise.all([
        loadSnapshot(tx, caller.owner, sessionId),
        recordActivityIfOwned(tx, "export", caller.owner, sessionId),
      ]);
      return snapshot;
    }, { durable: true });
    if (!snapshot) throw sessionNotFound();
    return c.json(toExportRecord(snapshot));
  });
}
