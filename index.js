// The entry Zapier loads. The app itself is written in TypeScript under src/ and compiled to dist/ by `npm run build`.
module.exports = require('./dist/src/index.js');
