import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
function nodeTooOld(version,fix){return Number(/^v?(\d+)\./.exec(version)?.[1]??0)>=24?void 0:`studio-flow-ci needs Node.js 24 or later, but runs on Node.js ${/^v?[0-9.]{1,20}$/.test(version)?version.replace(/^v/,""):"an unknown version"}: ${fix}`}export{nodeTooOld};
