// The reference time: the live clock, or a fixed RFC 3339 time the user types
// (checked by the core's parser). Views call `now()` once per computation.
import { $, fieldError } from "./ui.js";

export class Clock {
  constructor(kt) {
    this.kt = kt;
    this.fixed = null;
    this.listeners = [];
    const box = $("clock-fixed");
    const input = $("clock-time");
    const update = () => {
      fieldError("clock-time", null);
      if (!box.checked) {
        this.fixed = null;
        $("clock-label").textContent = "now (live clock)";
      } else {
        const v = input.value;
        if (!v) {
          this.fixed = null;
          $("clock-label").textContent = "now (type a time to fix it)";
        } else {
          try {
            this.fixed = this.kt.parseRfc3339(v);
            $("clock-label").textContent = this.fixed;
          } catch (err) {
            this.fixed = null;
            $("clock-label").textContent = "now (the fixed time is invalid)";
            fieldError("clock-time", err);
          }
        }
      }
      this.listeners.forEach((f) => f());
    };
    box.addEventListener("change", update);
    input.addEventListener("input", () => {
      if (input.value && !box.checked) box.checked = true;
      update();
    });
  }

  onChange(f) {
    this.listeners.push(f);
  }

  /** RFC 3339 text of the reference time (UTC, whole seconds when live). */
  now() {
    if (this.fixed) return this.fixed;
    return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
  }

  isFixed() {
    return this.fixed !== null;
  }
}
