// Keeps the turn a reader arrives at in view and announces it to assistive technology.
document.addEventListener("DOMContentLoaded", () => {
  const focusTarget = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.classList.contains("turn")) {
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
    }
  };
  window.addEventListener("hashchange", focusTarget);
  focusTarget();
});
