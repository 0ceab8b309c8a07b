import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{nodeTooOld}from"./chunks/chunk-AMCVCTS2.js";import"./chunks/chunk-6YRY3X7H.js";var tooOld=nodeTooOld(process.versions.node,"the action declares runs.using: node24; run it on a runner that provides Node.js 24 (GitHub's hosted runners do; update a self-hosted runner).");if(tooOld)process.stdout.write(`::error::${tooOld}
`),process.exitCode=1;else{let{run}=await import("./chunks/main-Y76VUB4L.js");run()}
