import { benchUi } from './ui.mjs'; await benchUi();
