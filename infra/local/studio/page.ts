/** The one HTML page: the app's shell, carrying the per-start token for mutating requests. */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function studioPage(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="studio-token" content="${escapeHtml(token)}">
<title>Event Studio</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="data:,">
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<noscript>Event Studio needs JavaScript.</noscript>
<div id="app"></div>
</body>
</html>`
}
