/** Entry point: registers the elements; index.html holds the one <pia-app>. */
import './components/pia-app/pia-app.js';
