// The page-wide error banner: for errors that belong to no field (a bug, or the engine
// failing to load). Errors are shown, never only logged.
import { describeError } from "./ui.js";

export function showFatal(err) {
  const box = document.getElementById("fatal");
  if (!box) return;
  const { code, message } = describeError(err);
  const line = `Something went wrong (${code}): ${message}`;
  const seen = [...box.querySelectorAll("p")].map((p) => p.textContent);
  if (seen.includes(line)) return;
  const p = document.createElement("p");
  p.textContent = line;
  p.style.margin = "0.2em 0";
  box.append(p);
  box.hidden = false;
}
