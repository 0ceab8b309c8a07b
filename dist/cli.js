#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{nodeTooOld}from"./chunks/chunk-AMCVCTS2.js";import"./chunks/chunk-6YRY3X7H.js";var tooOld=nodeTooOld(process.versions.node,"install Node.js 24 (e.g. nvm install 24) and run it again.");if(tooOld)process.stderr.write(`${tooOld}
`),process.exitCode=2;else{let{start}=await import("./chunks/main-L56HBJI6.js");start(process.argv.slice(2))}
