// The link that other devices in the room can open, and a QR code of it drawn in the page (no network),
// for "Copy link" and presenter mode. The reachable address is the site's site_url, which every page
// carries in <meta name="cocm-site-url">; `scripts/serve --workshop` sets it to the laptop's address on
// the room's network. The QR code comes from the npm package qrcode-generator (copied into the site by
// scripts/hooks/offline.py).
import qrcode from "./vendor/qrcode-generator.mjs";

const SITE_ROOT = new URL("../../", import.meta.url);
const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;
const SVG = "http://www.w3.org/2000/svg";
const QUIET_ZONE = 4; // modules of white around the code, as the QR standard asks

export const TEXT = {
  loopbackOnly: "This page is served on this computer only (a loopback address), so other devices cannot " +
    "open the link. To share it with a room, serve the site with scripts/serve --workshop (see the " +
    "facilitator guide).",
  qrLabel: "QR code of the link to this state",
  qrCaption: "Scan to open this state on another device, or type the address:",
};

function siteUrl() {
  const content = document.querySelector('meta[name="cocm-site-url"]')?.content;
  try {
    return content ? new URL(content) : null;
  } catch {
    return null;
  }
}

/** {href, loopbackOnly}: the page's link as other devices can reach it. On a loopback address the site's
 * network address (site_url) is used when it has one; otherwise loopbackOnly says nobody else can open it. */
export function reachableLink(href = location.href) {
  const here = new URL(href);
  const site = siteUrl();
  const onLoopback = LOOPBACK.test(here.hostname);
  if (onLoopback && site && !LOOPBACK.test(site.hostname) && here.href.startsWith(SITE_ROOT.href)) {
    return { href: new URL(here.href.slice(SITE_ROOT.href.length), site).href, loopbackOnly: false };
  }
  return { href: here.href, loopbackOnly: onLoopback };
}

/** An SVG QR code of text (error correction M), black on white, sized by its container. */
export function qrSvg(text) {
  const code = qrcode(0, "M");
  code.addData(text);
  code.make();
  const modules = code.getModuleCount();
  const size = modules + 2 * QUIET_ZONE;
  let path = "";
  for (let row = 0; row < modules; row += 1) {
    for (let column = 0; column < modules; column += 1) {
      if (code.isDark(row, column)) path += `M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", TEXT.qrLabel);
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000");
  svg.append(background, dark);
  return svg;
}

/** A figure with the QR code of a link and, as its text alternative, the link itself; a link on a
 * loopback address says that only this computer can open it. */
export function linkQrFigure(href, loopbackOnly = false) {
  const figure = document.createElement("figure");
  figure.className = "cc-link-qr";
  figure.dataset.ccLinkQr = href;
  const caption = document.createElement("figcaption");
  const link = document.createElement("a");
  link.href = href;
  link.textContent = href;
  link.dataset.ccLinkQrText = "";
  caption.append(TEXT.qrCaption, " ", link);
  if (loopbackOnly) caption.append(" ", TEXT.loopbackOnly);
  figure.append(qrSvg(href), caption);
  return figure;
}

/** Show in container the QR code of the page's link as other devices reach it (href: the page's own
 * link), or remove it when href is null. A figure already showing that link is kept. */
export function placeLinkQr(container, href) {
  const shown = container.querySelector(":scope > .cc-link-qr");
  const link = href && reachableLink(href);
  if (shown && link && shown.dataset.ccLinkQr === link.href) return;
  shown?.remove();
  if (link) container.append(linkQrFigure(link.href, link.loopbackOnly));
}
