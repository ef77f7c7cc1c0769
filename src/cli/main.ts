/**
 * filflow command-line entry point.
 * @module
 */
console.log("filflow")
