import assert from "node:assert/strict";
import { type ExtractedFacts, extractFacts } from "../../../shared/onboarding/parsing/facts.ts";
import type { FactField } from "../../../shared/onboarding/parsing/labels.ts";

const cases: [string, ExtractedFacts][] = [
  ["capital: 3,000,000", { profile: { capital_amount: 3_000_000 }, problems: [] }],
  ["capital 3M", { profile: { capital_amount: 3_000_000 }, problems: [] }],
  ["industry - food", { profile: { industry: "食品業" }, problems: [] }],
  ["patents: invention 4, utility 2", {
    profile: { invention_patent_count: 4, utility_patent_count: 2 },
    problems: [],
  }],
  ["invention patents: 4", { profile: { invention_patent_count: 4 }, problems: [] }],
  ["utility: 2", { profile: { utility_patent_count: 2 }, problems: [] }],
  ["certs: 3", { profile: { certification_count: 3 }, problems: [] }],
  ["certifications: ISO 9001, HACCP", {
    profile: { certifications: ["ISO 9001", "HACCP"], certification_count: 2 },
    problems: [],
  }],
  ["ESG: none", { profile: { esg_certification: false, esg_certifications: [] }, problems: [] }],
  ["ESG: ISO 14064", {
    profile: { esg_certification: true, esg_certifications: ["ISO 14064"] },
    problems: [],
  }],
  ["ｃａｐｉｔａｌ：３，０００，０００", { profile: { capital_amount: 3_000_000 }, problems: [] }],
  ["資本額應該是800萬才對", { profile: { capital_amount: 8_000_000 }, problems: [] }],
  ["資本額變成600萬", { profile: { capital_amount: 6_000_000 }, problems: [] }],
  // English words that merely contain a label are not labels.
  ["we love concerts", { profile: {}, problems: [] }],
  ["我們是食品業，資本額500萬，有2個發明專利", {
    profile: { industry: "食品業", capital_amount: 5_000_000, invention_patent_count: 2 },
    problems: [],
  }],
  ["發明專利10件，新型專利5件", {
    profile: { invention_patent_count: 10, utility_patent_count: 5 },
    problems: [],
  }],
  ["發明專利10件新型專利5件", {
    profile: { invention_patent_count: 10, utility_patent_count: 5 },
    problems: [],
  }],
  ["10件發明專利5件新型專利", {
    profile: { invention_patent_count: 10, utility_patent_count: 5 },
    problems: [],
  }],
  ["有2個發明專利和3個新型專利", {
    profile: { invention_patent_count: 2, utility_patent_count: 3 },
    problems: [],
  }],
  ["發明專利：沒有", { profile: { invention_patent_count: 0 }, problems: [] }],
  ["沒有新型專利", { profile: { utility_patent_count: 0 }, problems: [] }],
  ["公司認證3張", { profile: { certification_count: 3 }, problems: [] }],
  ["3項認證", { profile: { certification_count: 3 }, problems: [] }],
  ["認證：ISO 9001、ISO 14001", {
    profile: { certifications: ["ISO 9001", "ISO 14001"], certification_count: 2 },
    problems: [],
  }],
  ["我們有ISO 9001和ISO 14001認證", {
    profile: { certifications: ["ISO 9001", "ISO 14001"], certification_count: 2 },
    problems: [],
  }],
  ["ESG：ISO 14064、ISO 14067", {
    profile: { esg_certification: true, esg_certifications: ["ISO 14064", "ISO 14067"] },
    problems: [],
  }],
  ["ESG認證：無", { profile: { esg_certification: false, esg_certifications: [] }, problems: [] }],
  ["沒有ESG認證", { profile: { esg_certification: false, esg_certifications: [] }, problems: [] }],
  ["有ESG認證", { profile: { esg_certification: true }, problems: [] }],
  ["認證：ISO 9001、ISO 14064", {
    profile: {
      esg_certification: true,
      esg_certifications: ["ISO 14064"],
      certifications: ["ISO 9001"],
      certification_count: 1,
    },
    problems: [],
  }],
  ["資本額改成600萬", { profile: { capital_amount: 6_000_000 }, problems: [] }],
  ["資本額從500萬改成600萬", { profile: { capital_amount: 6_000_000 }, problems: [] }],
  ["資本額不是500萬，是600萬", { profile: { capital_amount: 6_000_000 }, problems: [] }],
  ["產業別應該是食品業", { profile: { industry: "食品業" }, problems: [] }],
  ["資本額NT$5,000,000元，發明專利2件、新型專利3件", {
    profile: { capital_amount: 5_000_000, invention_patent_count: 2, utility_patent_count: 3 },
    problems: [],
  }],
  ["我們是電子業\n資本額1億2千萬\n發明專利：兩件\n新型專利：無\n公司認證：ISO 9001\nESG：沒有", {
    profile: {
      industry: "電子業",
      capital_amount: 120_000_000,
      invention_patent_count: 2,
      utility_patent_count: 0,
      certifications: ["ISO 9001"],
      certification_count: 1,
      esg_certification: false,
      esg_certifications: [],
    },
    problems: [],
  }],
  ["發明專利和新型專利各2件", {
    profile: { invention_patent_count: 2, utility_patent_count: 2 },
    problems: [],
  }],
  ["公司認證5張，包括ISO 9001", {
    profile: { certifications: ["ISO 9001"], certification_count: 5 },
    problems: [],
  }],
  ["公司有ISO 9001、ISO 14001、ISO 45001三張認證", {
    profile: {
      certifications: ["ISO 9001", "ISO 14001", "ISO 45001"],
      certification_count: 3,
    },
    problems: [],
  }],
  ["ESG的部分我們有ISO 14064和GRI", {
    profile: { esg_certification: true, esg_certifications: ["ISO 14064", "GRI"] },
    problems: [],
  }],
  ["產業：電子業，資本額：500萬，發明專利：3，新型專利：0，認證：2，ESG：有", {
    profile: {
      industry: "電子業",
      capital_amount: 5_000_000,
      invention_patent_count: 3,
      utility_patent_count: 0,
      certification_count: 2,
      esg_certification: true,
    },
    problems: [],
  }],
  ["資本額-5", { profile: {}, problems: [{ field: "capital_amount", reason: "negative" }] }],
  ["發明專利-3件", {
    profile: {},
    problems: [{ field: "invention_patent_count", reason: "negative" }],
  }],
  ["資本額：很多", { profile: {}, problems: [{ field: "capital_amount", reason: "invalid" }] }],
  ["資本額500萬到600萬，新型專利2件", {
    profile: { utility_patent_count: 2 },
    problems: [{ field: "capital_amount", reason: "ambiguous" }],
  }],
  ["資本額-5，不對，資本額是500萬", { profile: { capital_amount: 5_000_000 }, problems: [] }],
  ["什麼是新型專利？", { profile: {}, problems: [] }],
  ["500萬", { profile: {}, problems: [] }],
  ["有發明專利", { profile: {}, problems: [] }],
  ["你好", { profile: {}, problems: [] }],
  // A dash set off by spaces after a label separates; attached to the number it is a minus.
  ["utility patents - 3", { profile: { utility_patent_count: 3 }, problems: [] }],
  ["Capital - NT$12M", { profile: { capital_amount: 12_000_000 }, problems: [] }],
  ["資本額 - 800萬", { profile: { capital_amount: 8_000_000 }, problems: [] }],
  ["資本額-5", { profile: {}, problems: [{ field: "capital_amount", reason: "negative" }] }],
  // Both patent kinds at once: a bare 專利, or labels sharing one none or zero.
  ["沒有專利", { profile: { invention_patent_count: 0, utility_patent_count: 0 }, problems: [] }],
  ["專利都沒有", { profile: { invention_patent_count: 0, utility_patent_count: 0 }, problems: [] }],
  ["發明跟新型專利都沒有", {
    profile: { invention_patent_count: 0, utility_patent_count: 0 },
    problems: [],
  }],
  ["兩種專利都是0", {
    profile: { invention_patent_count: 0, utility_patent_count: 0 },
    problems: [],
  }],
  ["patents: none", {
    profile: { invention_patent_count: 0, utility_patent_count: 0 },
    problems: [],
  }],
  ["有發明專利，新型專利沒有", { profile: { utility_patent_count: 0 }, problems: [] }],
  ["專利有5件", { profile: {}, problems: [] }],
  // An industry before the first label, without punctuation.
  ["我們是電子業 資本額五千萬 發明專利十二件", {
    profile: { industry: "電子業", capital_amount: 50_000_000, invention_patent_count: 12 },
    problems: [],
  }],
  ["電子業/資本額3000萬/發明10/新型5", {
    profile: {
      industry: "電子業",
      capital_amount: 30_000_000,
      invention_patent_count: 10,
      utility_patent_count: 5,
    },
    problems: [],
  }],
  ["Industry: textile | Capital: 20M", {
    profile: { industry: "紡織業", capital_amount: 20_000_000 },
    problems: [],
  }],
  ["不好意思，新型專利應該是2件", { profile: { utility_patent_count: 2 }, problems: [] }],
  ["ESG：目前沒有，明年打算申請ISO 14064", {
    profile: { esg_certification: false, esg_certifications: [] },
    problems: [],
  }],
];

for (const [input, expected] of cases) {
  Deno.test(`extractFacts(${JSON.stringify(input)})`, () => {
    assert.deepEqual(extractFacts(input), expected);
  });
}

// A leading unlabelled value answers the question asked when other facts follow it.
const askedCases: [string, FactField, ExtractedFacts][] = [
  ["1000萬，發明專利五件，新型專利三件", "capital_amount", {
    profile: { capital_amount: 10_000_000, invention_patent_count: 5, utility_patent_count: 3 },
    problems: [],
  }],
  ["兩件，新型專利一件", "invention_patent_count", {
    profile: { invention_patent_count: 2, utility_patent_count: 1 },
    problems: [],
  }],
  ["觀光旅遊，資本額500萬", "industry", {
    profile: { industry: "觀光旅遊業", capital_amount: 5_000_000 },
    problems: [],
  }],
  // A number right before a label is that label's (`5 新型專利`), never the asked field's.
  ["5 新型專利", "invention_patent_count", {
    profile: { utility_patent_count: 5 },
    problems: [],
  }],
];

for (const [input, asked, expected] of askedCases) {
  Deno.test(`extractFacts(${JSON.stringify(input)}, ${asked})`, () => {
    assert.deepEqual(extractFacts(input, asked), expected);
  });
}
