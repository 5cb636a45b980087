/**
 * Conversation cases as data (the format is described in `tests/data/README.md`): one message
 * in a known situation, or a short dialogue from a new session, with what must be stored
 * afterwards. The runner drives a conversation engine exactly as the message route does (the
 * engine's own `turn`, history included) and applies each turn the way the database would.
 */

import { applyTurn } from "../../shared/onboarding/engine/apply.ts";
import { type ConversationState, initialState } from "../../shared/onboarding/engine/state.ts";
import type { ConversationEngine, EngineTurn } from "../../shared/onboarding/engine/types.ts";
import {
  type CompanyProfile,
  emptyProfile,
  type OnboardingSnapshot,
  type ProductFields,
  type StoredProduct,
} from "../../shared/onboarding/types.ts";

/** The situations an answer case can start from. */
export type CaseContext =
  | "industry"
  | "capital_amount"
  | "invention_patent_count"
  | "utility_patent_count"
  | "certification_count"
  | "esg_certification"
  | "products"
  | "more_products"
  | "more_products_similar"
  | "draft_name"
  | "draft_price";

/** What must hold after a case. */
export interface CaseExpectation {
  /** Company fields and their values; an industry may list several acceptable values. */
  profile?: Partial<Record<keyof CompanyProfile, unknown>>;
  /** The complete product list after the case, each item only with the fields to check. */
  products?: Partial<ProductFields>[];
  /** Nothing at all may be stored: the bot asks instead. */
  asks?: boolean;
  /** Substrings the (last) reply must contain. */
  reply_has?: string[];
  /** Substrings the (last) reply must not contain. */
  reply_lacks?: string[];
  /** The product being collected after the turn (`{}`: its name is still asked). */
  draft?: Record<string, string | null> | null;
  completed?: boolean;
}

/** One message in a known situation. */
export interface AnswerCase {
  id: string;
  category: string;
  form?: string;
  context: CaseContext;
  message: string;
  expect: CaseExpectation;
}

/** A short conversation from a new session. */
export interface DialogueCase {
  id: string;
  turns: string[];
  expect: CaseExpectation;
}

/** A file of cases. */
export interface CaseFile {
  answers?: AnswerCase[];
  dialogues?: DialogueCase[];
}

/** A case's outcome: the problems found (none when it passed) and the last reply. */
export interface CaseResult {
  id: string;
  problems: string[];
  reply: string;
}

const COMPLETE_COMPANY: CompanyProfile = {
  industry: "電子業",
  capital_amount: 5_000_000,
  invention_patent_count: 10,
  utility_patent_count: 5,
  certification_count: 3,
  certifications: null,
  esg_certification: true,
  esg_certifications: ["ISO 14064"],
};

// The company fields set before each company question (in asking order).
const BEFORE_QUESTION: [CaseContext, Partial<CompanyProfile>][] = [
  ["industry", {}],
  ["capital_amount", { industry: "食品業" }],
  ["invention_patent_count", { capital_amount: 5_000_000 }],
  ["utility_patent_count", { invention_patent_count: 2 }],
  ["certification_count", { utility_patent_count: 1 }],
  ["esg_certification", { certification_count: 3 }],
];

const STORED_PRODUCTS: StoredProduct[] = [
  product(1, "P001", "智能晶片", "1000元"),
  product(2, "A-3", "恆溫保溫杯", "680元"),
  product(3, null, "手工皂", "150元"),
];

function product(id: number, productId: string | null, name: string, price: string | null) {
  return {
    id,
    product_id: productId,
    product_name: name,
    price,
    main_raw_materials: null,
    product_standard: null,
    technical_advantages: null,
  };
}

/** The data and state a context stands for. */
export function contextSnapshot(
  context: CaseContext,
): { snapshot: OnboardingSnapshot; state: ConversationState } {
  const state = initialState();
  const at = BEFORE_QUESTION.findIndex(([name]) => name === context);
  if (at >= 0) {
    const profile = emptyProfile();
    for (const [, fields] of BEFORE_QUESTION.slice(0, at + 1)) Object.assign(profile, fields);
    return { snapshot: { profile, products: [] }, state };
  }
  const profile = { ...COMPLETE_COMPANY };
  switch (context) {
    case "products":
      return { snapshot: { profile, products: [] }, state };
    case "more_products":
      return { snapshot: { profile, products: STORED_PRODUCTS.map((p) => ({ ...p })) }, state };
    case "more_products_similar": {
      // A fourth product sharing words with the second, for ambiguous references.
      const products = [...STORED_PRODUCTS, product(4, "A-4", "保溫杯蓋", "120元")];
      return { snapshot: { profile, products: products.map((p) => ({ ...p })) }, state };
    }
    case "draft_name":
      return { snapshot: { profile, products: [] }, state: { ...state, draft: {} } };
    case "draft_price":
      // The product is stored as soon as it has a name; the draft refers to it by name.
      return {
        snapshot: { profile, products: [product(1, null, "桂圓紅棗茶", null)] },
        state: { ...state, draft: { product_name: "桂圓紅棗茶", product_id: null } },
      };
  }
  throw new Error(`unknown context ${context}`);
}

/** A conversation driven through an engine, with the history the route would give it. */
class Driver {
  history: { role: "user" | "assistant"; content: string }[] = [];
  last: EngineTurn | null = null;

  constructor(
    private readonly engine: ConversationEngine,
    public snapshot: OnboardingSnapshot,
    public state: ConversationState,
  ) {}

  async say(message: string): Promise<EngineTurn> {
    const turn = await this.engine.turn({
      state: this.state,
      snapshot: this.snapshot,
      message,
      history: [...this.history],
    });
    this.state = JSON.parse(JSON.stringify(turn.state));
    this.snapshot = applyTurn(this.snapshot, turn);
    this.history.push({ role: "user", content: message }, {
      role: "assistant",
      content: turn.reply,
    });
    this.last = turn;
    return turn;
  }
}

/** Runs one answer case. */
export async function runAnswerCase(
  engine: ConversationEngine,
  c: AnswerCase,
): Promise<CaseResult> {
  const { snapshot, state } = contextSnapshot(c.context);
  const driver = new Driver(engine, snapshot, state);
  const turn = await driver.say(c.message);
  const problems = check(c.expect, snapshot, driver.snapshot, turn);
  if (c.expect.draft !== undefined && !same(c.expect.draft, driver.state.draft)) {
    problems.push(`draft: expected ${show(c.expect.draft)}, got ${show(driver.state.draft)}`);
  }
  // A message is never echoed back as a quoted product (or anything else).
  if ([...c.message].length > 12 && turn.reply.includes(`「${c.message}」`)) {
    problems.push("the reply quotes the whole message");
  }
  return { id: c.id, problems, reply: turn.reply };
}

/** Runs one dialogue from a new session. */
export async function runDialogueCase(
  engine: ConversationEngine,
  c: DialogueCase,
): Promise<CaseResult> {
  const start = { profile: emptyProfile(), products: [] };
  const driver = new Driver(engine, start, initialState());
  for (const message of c.turns) {
    if (driver.last?.completed) return { id: c.id, problems: ["completed early"], reply: "" };
    await driver.say(message);
  }
  const turn = driver.last!;
  const problems = check({ ...c.expect, asks: undefined }, start, driver.snapshot, turn, true);
  return { id: c.id, problems, reply: turn.reply };
}

function check(
  expect: CaseExpectation,
  before: OnboardingSnapshot,
  after: OnboardingSnapshot,
  turn: EngineTurn,
  dialogue = false,
): string[] {
  const problems: string[] = [];
  const expectedProfile = expect.profile ?? {};
  for (const key of Object.keys(after.profile) as (keyof CompanyProfile)[]) {
    const got = after.profile[key];
    if (key in expectedProfile) {
      if (!matches(expectedProfile[key], got)) {
        problems.push(`${key}: expected ${show(expectedProfile[key])}, got ${show(got)}`);
      }
    } else if (!dialogue && key !== "certifications" && !same(before.profile[key], got)) {
      problems.push(`${key} changed to ${show(got)}`);
    }
  }
  if (expect.products) {
    const got = after.products;
    if (got.length !== expect.products.length) {
      problems.push(`products: expected ${expect.products.length}, got ${show(names(got))}`);
    } else {
      expect.products.forEach((wanted, i) => {
        for (const [key, value] of Object.entries(wanted)) {
          const have = got[i][key as keyof ProductFields];
          if (!same(value, have)) {
            problems.push(`product ${i + 1} ${key}: expected ${show(value)}, got ${show(have)}`);
          }
        }
      });
    }
  } else if (!dialogue && !same(before.products, after.products)) {
    problems.push(`products changed to ${show(names(after.products))}`);
  }
  if (expect.asks) {
    if (Object.keys(turn.profile).length > 0) problems.push(`stored ${show(turn.profile)}`);
    if (turn.productChanges.length > 0) {
      problems.push(`changed products ${show(turn.productChanges)}`);
    }
  }
  for (const piece of expect.reply_has ?? []) {
    if (!turn.reply.includes(piece)) problems.push(`reply lacks ${show(piece)}`);
  }
  for (const piece of expect.reply_lacks ?? []) {
    if (turn.reply.includes(piece)) problems.push(`reply has ${show(piece)}`);
  }
  if (expect.completed !== undefined && turn.completed !== expect.completed) {
    problems.push(`completed: expected ${expect.completed}, got ${turn.completed}`);
  }
  return problems;
}

function names(products: readonly StoredProduct[]): string[] {
  return products.map((p) => p.product_name);
}

// An array of strings for a text field lists acceptable values; lists compare as sets.
function matches(expected: unknown, got: unknown): boolean {
  if (Array.isArray(expected) && typeof got === "string") return expected.includes(got);
  if (Array.isArray(expected) && Array.isArray(got)) {
    return expected.length === got.length && expected.every((v) => got.includes(v));
  }
  return same(expected, got);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function show(v: unknown): string {
  return JSON.stringify(v);
}

/** Runs every case of a file; returns the results in file order. */
export async function runCaseFile(
  engine: ConversationEngine,
  file: CaseFile,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of file.answers ?? []) results.push(await runAnswerCase(engine, c));
  for (const c of file.dialogues ?? []) results.push(await runDialogueCase(engine, c));
  return results;
}
