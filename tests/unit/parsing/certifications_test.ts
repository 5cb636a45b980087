import assert from "node:assert/strict";
import {
  COMPANY_CERTIFICATIONS,
  ESG_CERTIFICATIONS,
  KNOWN_ISO_NUMBERS,
} from "../../../shared/onboarding/lexicon/mod.ts";
import {
  type CertificationList,
  heldText,
  isEsgCertificationName,
  normalizeCertificationName,
  parseCertificationList,
} from "../../../shared/onboarding/parsing/certifications.ts";

const list = (esg: string[], company: string[], unknown: string[] = []): CertificationList => ({
  esg,
  company,
  unknown,
});

const listCases: [string, CertificationList][] = [
  ["ISO 9001、ISO 14001", list([], ["ISO 9001", "ISO 14001"])],
  ["3張：ISO 9001、ISO 14001", list([], ["ISO 9001", "ISO 14001"])],
  ["共3張:ISO 9001、HACCP", list([], ["ISO 9001", "HACCP"])],
  ["ISO 9001: 2015", list([], ["ISO 9001"])],
  ["ISO 14064, ISO 14067和GRI", list(["ISO 14064", "ISO 14067", "GRI"], [])],
  ["iso14064/14067", list(["ISO 14064", "ISO 14067"], [])],
  ["ISO 14064-1、ISO 14064-2", list(["ISO 14064"], [])],
  ["IFRS S1/S2及ISSB", list(["IFRS S1", "IFRS S2", "ISSB"], [])],
  ["ISO 9001，ISO 9001，iso9001:2015", list([], ["ISO 9001"])],
  ["ESG認證：ISO 14064、碳足跡", list(["ISO 14064", "碳足跡"], [])],
  ["ISO 9001 ISO 14001 ISO 45001", list([], ["ISO 9001", "ISO 14001", "ISO 45001"])],
  ["我們有ISO 9001和ISO 14064認證", list(["ISO 14064"], ["ISO 9001"])],
  ["HACCP、FSSC 22000與GMP", list([], ["HACCP", "FSSC 22000", "GMP"])],
  ["iatf16949\nTAF\nCNS", list([], ["IATF 16949", "TAF", "CNS"])],
  ["ISO 50001與ISO 14001", list(["ISO 50001"], ["ISO 14001"])],
  ["SBTi, CDP, RE100, B Corp", list(["SBTi", "CDP", "RE100", "B Corp"], [])],
  ["XYZ-123、台灣精品標章", list([], [], ["XYZ-123", "台灣精品標章"])],
  ["有3張", list([], [])],
  ["無", list([], [])],
  ["沒有", list([], [])],
  ["N/A", list([], [])],
  ["ISO 14064|GRI", list(["ISO 14064", "GRI"], [])],
  // A code named next to its description wins over the description.
  ["碳盤查有做ISO 14064，產品碳足跡ISO 14067也有", list(["ISO 14064", "ISO 14067"], [])],
  ["溫室氣體盤查做的是ISO 14064-1", list(["ISO 14064"], [])],
  // Plans are not certifications held.
  ["ISO 9001，明年打算申請ISO 14064", list([], ["ISO 9001"])],
  ["ISO 14067申請中", list([], [])],
  // Unknown items must read as names: codes, or words ending in 認證/標章/證書.
  ["FSC, OEKO-TEX", list([], [], ["FSC", "OEKO-TEX"])],
  ["節能標章", list([], [], ["節能標章"])],
  ["OK 就這樣", list([], [])],
  ["yes we do", list([], [])],
];

for (const [input, expected] of listCases) {
  Deno.test(`parseCertificationList(${JSON.stringify(input)})`, () => {
    assert.deepEqual(parseCertificationList(input), expected);
  });
}

const nameCases: [string, string][] = [
  ["iso14064", "ISO 14064"],
  ["ISO-9001:2015", "ISO 9001"],
  ["ISO 14064-1:2018", "ISO 14064"],
  ["iatf16949", "IATF 16949"],
  ["ISO/IEC 27001", "ISO 27001"],
  ["ifrs s2", "IFRS S2"],
  ["sbti", "SBTi"],
  ["9001", "ISO 9001"],
  ["溫室氣體盤查", "碳盤查"],
  ["ISO 9001認證", "ISO 9001"],
  ["IECQ QC 080000", "QC080000"],
];

for (const [input, expected] of nameCases) {
  Deno.test(`normalizeCertificationName(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.equal(normalizeCertificationName(input), expected);
  });
}

const esgCases: [string, boolean][] = [
  ["ISO 14064", true],
  ["iso14067", true],
  ["ISO 14046", true],
  ["ISO 50001", true],
  ["GRI", true],
  ["IFRS S1", true],
  ["碳足跡", true],
  ["ISO 14001", false],
  ["ISO 9001", false],
  ["HACCP", false],
];

for (const [input, expected] of esgCases) {
  Deno.test(`isEsgCertificationName(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.equal(isEsgCertificationName(input), expected);
  });
}

Deno.test("certification words come from the lexicon: ISO numbers, ESG and company names", () => {
  for (const name of ESG_CERTIFICATIONS) assert.equal(isEsgCertificationName(name), true, name);
  for (const name of COMPANY_CERTIFICATIONS) {
    assert.equal(isEsgCertificationName(name), false, name);
  }
  for (const number of KNOWN_ISO_NUMBERS) {
    assert.equal(normalizeCertificationName(number), `ISO ${number}`);
  }
  assert.deepEqual(
    parseCertificationList("已取得 ISO 9001 認證、HACCP 等"),
    list([], ["ISO 9001", "HACCP"]),
  );
});

const heldCases: [string, string][] = [
  ["目前沒有，明年打算申請ISO 14064", "目前沒有"],
  ["目前還沒有耶，明年再看看", "目前還沒有"],
  ["不太確定，應該沒有", "應該沒有"],
  ["ISO 14064、GRI", "ISO 14064、GRI"],
  ["還在評估", ""],
];

for (const [input, expected] of heldCases) {
  Deno.test(`heldText(${JSON.stringify(input)}) = ${JSON.stringify(expected)}`, () => {
    assert.equal(heldText(input), expected);
  });
}
