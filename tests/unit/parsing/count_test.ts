import { parseCount } from "../../../shared/onboarding/parsing/count.ts";
import data from "../../data/count_cases.json" with { type: "json" };
import { type NumberCase, runNumberCases } from "./number_cases.ts";

runNumberCases("parseCount", data.cases as NumberCase[], parseCount);
