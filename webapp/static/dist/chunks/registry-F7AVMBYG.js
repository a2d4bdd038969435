import{a,b}from"./chunk-JWL3MU6A.js";import"./chunk-IHRIUEAN.js";export{a as charts,b as keep};
