// The theme's two menus, the page's downloads and the colour mode, without Bootstrap's
// script (80 KB on every page, for these two): a button with data-bs-toggle="dropdown"
// opens and closes the menu after it; a click elsewhere, a choice or Escape closes it.
const openMenus = () => document.querySelectorAll(".dropdown-menu.show");

function setOpen(button, open) {
  button.nextElementSibling?.classList.toggle("show", open);
  button.setAttribute("aria-expanded", String(open));
}

document.addEventListener("click", event => {
  const button = event.target.closest('[data-bs-toggle="dropdown"]');
  for (const menu of openMenus()) {
    if (!button || menu !== button.nextElementSibling) setOpen(menu.previousElementSibling, false);
  }
  if (button) setOpen(button, !button.nextElementSibling?.classList.contains("show"));
});

document.addEventListener("keydown", event => {
  if (event.key !== "Escape") return;
  for (const menu of openMenus()) {
    setOpen(menu.previousElementSibling, false);
    menu.previousElementSibling.focus();
  }
});
