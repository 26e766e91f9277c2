// What the runner's tests share: waiting on a condition, and the steps the driver (run.mjs) takes a
// screenshot of or checks on screen. Without the driver (@vscode/test-electron) there is no screen.
const fs = require('fs');

const stepsFile = process.env.RBAC_DOCTOR_EDITOR_STEPS;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * A step the driver takes a screenshot of, once the workbench has settled (no animation or fade in
 * progress). Waits until the screenshot is taken, so the next test cannot change the screen first.
 */
const step = (name) => screenStep(name);

/**
 * A step whose check is done by the driver (on screen, or of the stand-in cluster): it answers in
 * `<steps file>.screen` with an error message, or '' when all is as expected.
 */
async function screenStep(name, timeoutMs = 60000) {
  if (!stepsFile) return;
  const answers = `${stepsFile}.screen`;
  fs.appendFileSync(stepsFile, `${name}\n`);
  const answer = await until(`the driver's check of ${name}`, () => fs.existsSync(answers)
    && fs.readFileSync(answers, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((a) => a.step === name), timeoutMs);
  if (answer.error) throw new Error(`on screen: ${answer.error}`);
}

module.exports = { stepsFile, until, step, screenStep };
