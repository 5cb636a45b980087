import assert from "node:assert/strict";
import {
  CONFIRM_WORDS,
  CORRECTION_PATTERN,
  CORRECTION_WORDS,
  FINISH_WORDS,
  isQuestion,
  NO_WORDS,
  REJECT_WORDS,
  SKIP_WORDS,
  SMALL_TALK_WORDS,
  YES_WORDS,
} from "../../../shared/onboarding/lexicon/mod.ts";
import { toTraditional } from "../../../shared/onboarding/parsing/script.ts";

// Whole-message sets are compared with `compact` text: lower case, no spaces, no edge noise.
const WHOLE_MESSAGE_SETS = {
  YES_WORDS,
  NO_WORDS,
  FINISH_WORDS,
  CONFIRM_WORDS,
  REJECT_WORDS,
  SMALL_TALK_WORDS,
  SKIP_WORDS,
};

Deno.test("whole-message word sets hold only compact, lower-case entries", () => {
  for (const [name, set] of Object.entries(WHOLE_MESSAGE_SETS)) {
    for (const word of set) {
      assert.equal(word, word.toLowerCase().replace(/\s+/g, ""), `${name}: ${word}`);
      assert.notEqual(word, "", name);
    }
  }
});

Deno.test("a word cannot both confirm and reject, or finish and say yes", () => {
  for (const word of REJECT_WORDS) assert.ok(!CONFIRM_WORDS.has(word), word);
  for (const word of FINISH_WORDS) assert.ok(!YES_WORDS.has(word), word);
});

Deno.test("correction words are listed longest first where one extends another", () => {
  CORRECTION_WORDS.forEach((word, i) => {
    for (const later of CORRECTION_WORDS.slice(i + 1)) {
      assert.ok(!later.startsWith(word) || later === word, `${later} must come before ${word}`);
    }
  });
  for (const text of ["資本額改成600萬", "資本額變成600萬", "產業別應該是食品業", "更正為3件"]) {
    assert.ok(CORRECTION_PATTERN.test(text), text);
  }
});

const questions: [string, boolean][] = [
  ["什麼是新型專利?", true],
  ["發明專利和新型專利有什麼不同?", true],
  ["ESG 認證要怎麼算", true],
  ["資本額要填實收的嗎", true],
  ["請問產品ID是指什麼", true],
  ["有沒有範例", true],
  ["什麼產品都有一點", false],
  ["哪裡都有賣", false],
  ["多少都有做", false],
  ["我們是食品業", false],
  ["500萬", false],
];

for (const [text, expected] of questions) {
  Deno.test(`isQuestion(${JSON.stringify(text)}) = ${expected}`, () => {
    assert.equal(isQuestion(text), expected);
  });
}

const scripts: [string, string][] = [
  ["资本额300万，电子业", "資本額300萬，電子業"],
  ["发明专利5个", "發明專利5個"],
  ["没有", "沒有"],
  // Traditional text is never touched, even characters OpenCC would change in Simplified text.
  ["我們是食品業，資本額500萬", "我們是食品業，資本額500萬"],
  ["面膜、皇后", "面膜、皇后"],
  ["ok 500", "ok 500"],
  ["", ""],
];

for (const [text, expected] of scripts) {
  Deno.test(`toTraditional(${JSON.stringify(text)})`, async () => {
    assert.equal(await toTraditional(text), expected);
  });
}

Deno.test("characters Traditional Chinese writes too do not make text Simplified", async () => {
  assert.equal(await toTraditional("Material: 台灣阿薩姆紅茶"), "Material: 台灣阿薩姆紅茶");
  assert.equal(await toTraditional("保濕面膜，后里鄉"), "保濕面膜，后里鄉");
});

Deno.test("a Simplified phrase made of characters Big5 also lists is still converted", async () => {
  assert.equal(await toTraditional("机械加工"), "機械加工");
});
