import{g as a}from"./chunk-4HVGZ75R.js";import"./chunk-IHRIUEAN.js";export{a as Chart};
