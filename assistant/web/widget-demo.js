// The embed code shown on the demo page, for this server's own address (a file, not inline: the CSP allows no inline script).
document.getElementById("embed-code").textContent =
  `<script src="${location.origin}/web/widget.js" data-api="${location.origin}"></` + "script>";
