// The entry Zapier loads. The app is written in TypeScript under src/; `npm run build` bundles it with its
// dependencies (zapier-platform-core excepted) into dist/app.js, because one file loads markedly faster on every
// cold start than the ~100 files zod alone spreads over (see "Performance" in the README).
module.exports = require('./dist/app.js');
