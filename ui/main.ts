/** Entry point: registers the elements; index.html holds the one <pia-app>. */
// BIZ UDゴシック's slices, imported as a module so that vite.config.ts names only their WOFF2 (see ui/fonts.css).
import '@fontsource/biz-udgothic/400.css';
import './components/pia-app/pia-app.js';
