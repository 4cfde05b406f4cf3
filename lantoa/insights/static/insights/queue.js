// Labelling queue: one key is one label (no inline script: the admin CSP refuses it).
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName)) return;
  var button = document.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
  if (button) { event.preventDefault(); button.form.submit(); }
});
