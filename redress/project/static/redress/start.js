// Start GOV.UK Frontend's components (error summaries, notification banners, tabs...).
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
