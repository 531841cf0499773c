/**
 * Ways people try to make stored text run a script: tags, event handlers, script and data
 * links, broken and nested markup. Every place that stores people's text must keep them inert.
 */
export const xssPayloads = [
  "<script>alert('script')</script>",
  "<img src=x onerror=\"alert('img')\">",
  "<svg onload=alert('svg')><script>alert('svg2')</script></svg>",
  "[click](JaVaScRiPt:alert('link'))",
  "[data](data:text/html,<script>alert('data')</script>)",
  "<a href=\"javascript:alert('a')\">a</a>",
  "<iframe src=\"javascript:alert('iframe')\"></iframe>",
  "<details open ontoggle=alert('toggle')>",
  '<p style="x" onmouseover="alert(\'hover\')">hover</p>',
  "<scr<script>ipt>alert('nested')</scr</script>ipt>",
  "<<img src=x onerror=alert('broken')//<",
  "`<script>alert('code')</script>`",
];
