/// <reference no-default-lib="true" />
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="esnext" />
/**
 * The reference chat page: what a frontend does with the API, in one small file of wiring.
 * Talks to the API only through `Api` (its public endpoints); every sentence comes from
 * `texts.ts`.
 *
 * @module
 */
import {
  Api,
  ApiFailure,
  type Progress,
  type SessionData,
  type SessionSummary,
  type Turn,
} from "./api.ts";
import { COMPANY_FIELDS, PRODUCT_FIELDS, TEXT } from "./texts.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const ui = {
  connect: $<HTMLFormElement>("connect"),
  token: $<HTMLInputElement>("token"),
  devToken: $<HTMLButtonElement>("dev-token"),
  apiUrl: $<HTMLInputElement>("api-url"),
  error: $("error"),
  chat: $("chat"),
  messages: $<HTMLOListElement>("messages"),
  readOnly: $("read-only"),
  composer: $<HTMLFormElement>("composer"),
  message: $<HTMLTextAreaElement>("message"),
  send: $<HTMLButtonElement>("send"),
  upload: $<HTMLInputElement>("upload"),
  summary: $("progress-summary"),
  checklist: $<HTMLUListElement>("checklist"),
  productCount: $("product-count"),
  dataPanel: $("data-panel"),
  exportDownload: $<HTMLAnchorElement>("export-download"),
  newSession: $<HTMLButtonElement>("new-session"),
  sessions: $<HTMLUListElement>("sessions"),
};

/** What the page is showing. */
const state: { api?: Api; sessionId?: number; completed: boolean; busy: boolean } = {
  completed: false,
  busy: false,
};

const API_URL_KEY = "onboarding.apiUrl";
const TOKEN_KEY = "onboarding.token";

// ---- start ----

applyTexts();
ui.apiUrl.value = new URL(location.href).searchParams.get("api") ??
  localStorage.getItem(API_URL_KEY) ?? `${location.origin}/api`;
const initialToken = takeTokenFromFragment() ?? sessionStorage.getItem(TOKEN_KEY);
void offerDevelopmentToken();
if (initialToken) {
  ui.token.value = initialToken;
  void connect(initialToken);
}

ui.connect.addEventListener("submit", (event) => {
  event.preventDefault();
  const token = ui.token.value.trim();
  if (token) void connect(token);
  else showError(new ApiFailure(401, TEXT.errors.noToken));
});
ui.apiUrl.addEventListener("change", () => {
  localStorage.setItem(API_URL_KEY, ui.apiUrl.value.trim());
  if (state.api) void connect(state.api.token);
});
ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  void send();
});
ui.message.addEventListener("keydown", (event) => {
  // Enter sends; Shift+Enter breaks the line; Enter that ends an IME composition does neither.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    void send();
  }
});
ui.upload.addEventListener("change", () => {
  const file = ui.upload.files?.[0];
  ui.upload.value = "";
  if (file) void upload(file);
});
ui.newSession.addEventListener("click", () => void run(startNewSession));
wireDragAndDrop();

// ---- the conversation ----

/** Checks the token, then opens the newest active session or starts one. */
async function connect(token: string): Promise<void> {
  const api = new Api(ui.apiUrl.value.trim(), token);
  await run(async () => {
    await api.me();
    state.api = api;
    sessionStorage.setItem(TOKEN_KEY, token);
    const latest = await api.latestSession();
    if (latest === null) await startNewSession();
    else await openSession(latest);
  });
}

async function startNewSession(): Promise<void> {
  const turn = await requireApi().newSession();
  ui.messages.replaceChildren();
  addBubble("assistant", turn.message);
  await showSession(turn.session_id, { completed: false, progress: turn.progress });
}

/** Shows a stored session: its messages and data; read-only when completed. */
async function openSession(sessionId: number): Promise<void> {
  const api = requireApi();
  const [messages, sessions] = await Promise.all([api.messages(sessionId), api.sessions()]);
  ui.messages.replaceChildren();
  for (const message of messages) addBubble(message.role, message.content);
  const completed = sessions.some((s) => s.id === sessionId && s.status === "completed");
  await showSession(sessionId, { completed, sessions });
}

async function send(): Promise<void> {
  const text = ui.message.value.trim();
  if (!text || state.busy || state.completed || state.sessionId === undefined) return;
  ui.message.value = "";
  const mine = addBubble("user", text);
  const reply = addBubble("assistant", "");
  reply.setAttribute("aria-busy", "true");
  const sessionId = state.sessionId;
  const ok = await run(async () => {
    const turn = await requireApi().sendMessage(sessionId, text, {
      delta: (piece) => setText(reply, reply.textContent + piece),
      reset: () => setText(reply, ""),
    });
    setText(reply, turn.message);
    reply.removeAttribute("aria-busy");
    await afterTurn(turn);
  });
  if (!ok) {
    // Nothing was stored: the message goes back to the box, to send again.
    mine.remove();
    reply.remove();
    ui.message.value = text;
  }
}

async function upload(file: File): Promise<void> {
  if (state.busy || state.completed || state.sessionId === undefined) return;
  const sessionId = state.sessionId;
  const mine = addBubble("user", TEXT.uploading(file.name));
  const reply = addBubble("assistant", TEXT.thinking);
  reply.setAttribute("aria-busy", "true");
  const ok = await run(async () => {
    const turn = await requireApi().upload(sessionId, file);
    setText(reply, turn.message);
    reply.removeAttribute("aria-busy");
    await afterTurn(turn);
  }, "upload");
  if (!ok) {
    mine.remove();
    reply.remove();
  }
}

async function afterTurn(turn: Turn): Promise<void> {
  await showSession(turn.session_id, { completed: turn.completed, progress: turn.progress });
}

/**
 * Makes `sessionId` the one shown: its progress (the turn's `progress` when there is one), data,
 * export, and the list of sessions (fetched unless the caller has it).
 */
async function showSession(
  sessionId: number,
  shown: { completed: boolean; progress?: Progress; sessions?: SessionSummary[] },
): Promise<void> {
  const api = requireApi();
  const { completed, progress } = shown;
  state.sessionId = sessionId;
  state.completed = completed;
  setInputs();
  const [data, sessions] = await Promise.all([
    api.data(sessionId),
    shown.sessions ?? api.sessions(),
  ]);
  renderProgress(data, progress);
  renderData(data);
  renderSessions(sessions);
  URL.revokeObjectURL(ui.exportDownload.href);
  ui.exportDownload.hidden = !completed;
  if (completed) {
    const json = await api.exportText(sessionId);
    ui.exportDownload.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    ui.exportDownload.download = `onboarding-export-${sessionId}.json`;
  }
}

// ---- rendering ----

function addBubble(role: "user" | "assistant", text: string): HTMLLIElement {
  const bubble = document.createElement("li");
  bubble.className = "bubble";
  bubble.dataset.testid = "message";
  bubble.dataset.role = role;
  bubble.setAttribute("aria-label", role === "user" ? TEXT.you : TEXT.assistant);
  ui.messages.append(bubble);
  setText(bubble, text);
  return bubble;
}

/** Sets a bubble's text and keeps the newest message in view (the list scrolls, not the page). */
function setText(bubble: HTMLElement, text: string): void {
  bubble.textContent = text;
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

/**
 * The checklist: the six company fields as `/data` holds them; the count from the turn's
 * progress object when there is one (the same six, counted by the server).
 */
function renderProgress(data: SessionData, progress?: Progress): void {
  const done = COMPANY_FIELDS.filter(([key]) => data[key] !== null);
  const total = progress?.total_fields ?? COMPANY_FIELDS.length;
  ui.summary.textContent = TEXT.fieldsDone(progress?.fields_completed ?? done.length, total);
  ui.checklist.replaceChildren(...COMPANY_FIELDS.map(([key, label]) => {
    const item = document.createElement("li");
    item.textContent = label;
    item.dataset.field = key;
    item.dataset.done = String(data[key] !== null);
    return item;
  }));
  ui.productCount.textContent = TEXT.products(progress?.products_count ?? data.products.length);
}

function renderData(data: SessionData): void {
  const rows: [string, string][] = COMPANY_FIELDS
    .filter(([key]) => data[key] !== null)
    .map(([key, label]) => [label, showValue(key, data)]);
  if (rows.length === 0 && data.products.length === 0) {
    ui.dataPanel.textContent = TEXT.noData;
    return;
  }
  const parts: HTMLElement[] = [definitionList(rows)];
  for (const product of data.products) {
    const heading = document.createElement("h3");
    heading.textContent = product.product_name;
    parts.push(
      heading,
      definitionList(
        PRODUCT_FIELDS.filter(([key]) => product[key] !== null)
          .map(([key, label]) => [label, String(product[key])]),
      ),
    );
  }
  ui.dataPanel.replaceChildren(...parts);
}

function showValue(key: (typeof COMPANY_FIELDS)[number][0], data: SessionData): string {
  if (key === "capital_amount") return `${data.capital_amount!.toLocaleString("zh-TW")} 元`;
  if (key === "esg_certification") {
    const names = data.esg_certifications ?? [];
    return data.esg_certification ? `${TEXT.yes}（${names.join("、")}）` : TEXT.no;
  }
  return String(data[key]);
}

function definitionList(rows: [string, string][]): HTMLDListElement {
  const list = document.createElement("dl");
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  return list;
}

function renderSessions(sessions: SessionSummary[]): void {
  if (sessions.length === 0) {
    ui.sessions.textContent = TEXT.noSessions;
    return;
  }
  ui.sessions.replaceChildren(...sessions.map((session) => {
    const item = document.createElement("li");
    const status = session.status === "completed" ? TEXT.sessionCompleted : TEXT.sessionActive;
    const label = document.createElement("span");
    label.textContent = `#${session.id}　${status}　${
      new Date(session.created_at).toLocaleString("zh-TW")
    }`;
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = TEXT.open;
    open.setAttribute("aria-label", `${TEXT.open} #${session.id}`);
    open.addEventListener("click", () => void run(() => openSession(session.id)));
    if (session.id === state.sessionId) item.setAttribute("aria-current", "true");
    item.append(label, open);
    return item;
  }));
}

function setInputs(): void {
  const open = state.api !== undefined && state.sessionId !== undefined && !state.completed;
  const enabled = open && !state.busy;
  ui.message.disabled = !enabled;
  ui.send.disabled = !enabled;
  ui.upload.disabled = !enabled;
  ui.newSession.disabled = state.api === undefined || state.busy;
  ui.readOnly.hidden = !state.completed;
}

// ---- errors, busy state ----

/**
 * Runs `work` with the inputs locked (`data-state="busy"` on the body meanwhile, which tests and
 * styles can wait on), clearing the error line first and showing the one `work` fails with;
 * resolves to whether it succeeded.
 */
async function run(work: () => Promise<void>, kind: "upload" | "request" = "request") {
  state.busy = true;
  document.body.dataset.state = "busy";
  setInputs();
  ui.error.hidden = true;
  try {
    await work();
    return true;
  } catch (error) {
    showError(error, kind);
    return false;
  } finally {
    state.busy = false;
    document.body.dataset.state = "idle";
    setInputs();
    if (!ui.message.disabled) ui.message.focus();
  }
}

function showError(error: unknown, kind: "upload" | "request" = "request"): void {
  ui.error.textContent = describe(error, kind);
  ui.error.hidden = false;
  if (!(error instanceof ApiFailure)) console.error(error);
}

function describe(error: unknown, kind: "upload" | "request"): string {
  if (!(error instanceof ApiFailure)) return TEXT.errors.server;
  const { status, detail } = error;
  if (detail === TEXT.errors.noToken) return detail;
  if (status === 0) return TEXT.errors.network;
  if (status === 401) return TEXT.errors[401];
  if (status === 403) return TEXT.errors[403];
  if (status === 404) return TEXT.errors[404];
  if (status === 409) return TEXT.errors[409];
  if (status === 429) return TEXT.errors[429](error.retryAfter);
  if (status >= 500) return TEXT.errors.server;
  return kind === "upload" ? TEXT.errors.upload(detail) : detail;
}

function requireApi(): Api {
  if (!state.api) throw new ApiFailure(401, TEXT.errors.noToken);
  return state.api;
}

// ---- the token ----

/** `#token=…` in the address: taken once, then removed from the address bar and history. */
function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (token !== null) history.replaceState(null, "", location.pathname + location.search);
  return token?.trim() || null;
}

/** The dev server offers a token only when it made its own secret (`dev-token` is 404 else). */
async function offerDevelopmentToken(): Promise<void> {
  const response = await fetch("dev-token").catch(() => undefined);
  if (!response?.ok) return;
  const { token } = await response.json() as { token: string };
  ui.devToken.hidden = false;
  ui.devToken.addEventListener("click", () => {
    ui.token.value = token;
    void connect(token);
  });
}

// ---- page furniture ----

function applyTexts(): void {
  document.title = TEXT.title;
  for (const element of document.querySelectorAll<HTMLElement>("[data-text]")) {
    element.textContent = TEXT[element.dataset.text as keyof typeof TEXT] as string;
  }
  for (const element of document.querySelectorAll<HTMLElement>("[data-placeholder]")) {
    element.setAttribute(
      "placeholder",
      TEXT[element.dataset.placeholder as keyof typeof TEXT] as string,
    );
  }
  ui.chat.setAttribute("aria-label", TEXT.title);
  ui.messages.setAttribute("aria-label", TEXT.messageLabel);
}

function wireDragAndDrop(): void {
  let depth = 0;
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") ?? false;
  ui.chat.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    depth++;
    ui.chat.classList.add("dragging");
  });
  ui.chat.addEventListener("dragover", (event) => {
    if (hasFiles(event)) event.preventDefault();
  });
  ui.chat.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) ui.chat.classList.remove("dragging");
  });
  ui.chat.addEventListener("drop", (event) => {
    event.preventDefault();
    depth = 0;
    ui.chat.classList.remove("dragging");
    const file = event.dataTransfer?.files[0];
    if (file) void upload(file);
  });
}
