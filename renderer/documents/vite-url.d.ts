// Vite's `?url` imports: the file is emitted beside the bundle and the import is its address.
declare module '*?url' {
  const url: string;
  export default url;
}
