var t=[];function n(e){return t.push(e),e}export{t as a,n as b};
