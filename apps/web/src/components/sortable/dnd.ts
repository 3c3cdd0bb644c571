// dnd-kit and the two components built on it: the one module the sortable lists load when they
// are first shown (dnd-loader.ts), so dnd-kit is not part of the tasks page's first load.
export { DndArea } from "./dnd-area";
export { DndItem } from "./dnd-item";
