#!/usr/bin/env node
// `consent-banner check FILE…`: checks config files as the component would, for a site's build
// or CI. Prints each problem as `FILE: path: message`; exits 0 when every file is good, 1 when
// one has a problem, 2 when one cannot be checked (unreadable, not JSON, the checker itself would
// not load) or the command is wrong.
import { readFileSync } from "node:fs";
import { validate } from "./index.js";

const USAGE = "usage: consent-banner check FILE…  (checks consent-banner config files)";

async function check(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`${file}: cannot be read (${error.message})`);
    return 2;
  }
  try {
    JSON.parse(text);
  } catch (error) {
    console.error(`${file}: is not JSON (${error.message})`);
    return 2;
  }
  // The text, not the parsed object: the component reads a data-config file's text, and `null`
  // there is a fault, where init(null) means the defaults.
  let problems;
  try {
    problems = await validate(text);
  } catch (error) {
    // Not the config's fault (a broken install, a Node without `process.getBuiltinModule`):
    // exit 2, as for any file that cannot be checked, not 1 with a stack trace.
    const node = globalThis.process?.getBuiltinModule ? "" : `; Node 20.16 or later is needed, this is ${process.version}`;
    console.error(`${file}: cannot be checked (${error?.message ?? error}${node})`);
    return 2;
  }
  for (const { path, message } of problems) {
    console.error(path ? `${file}: ${path}: ${message}` : `${file}: ${message}`);
  }
  if (problems.length > 0) {
    console.error(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    return 1;
  }
  console.log(`${file}: OK`);
  return 0;
}

const [command, ...files] = process.argv.slice(2);
if (command !== "check" || files.length === 0) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  let worst = 0;
  for (const file of files) worst = Math.max(worst, await check(file));
  process.exitCode = worst;
}
