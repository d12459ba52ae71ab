// Verification keys: Enter saves the field (in a multi-line box too; Shift+Enter for a new line).
document.querySelectorAll("table.verify textarea").forEach((box) => {
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); box.form.submit(); }
  });
});
const first = document.querySelector("table.verify [autofocus]");
if (first) { first.scrollIntoView({block: "center"}); first.focus(); }
