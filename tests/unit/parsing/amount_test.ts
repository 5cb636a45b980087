import { parseAmount } from "../../../shared/onboarding/parsing/amount.ts";
import data from "../../data/amount_cases.json" with { type: "json" };
import { type NumberCase, runNumberCases } from "./number_cases.ts";

runNumberCases("parseAmount", data.cases as NumberCase[], parseAmount);
