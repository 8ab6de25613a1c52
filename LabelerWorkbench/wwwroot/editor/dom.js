// Small SVG and DOM helpers.

const SVG = "http://www.w3.org/2000/svg";

export function el(tag, attributes = {}) { return attrs(document.createElementNS(SVG, tag), attributes); }

export function attrs(node, attributes) {
    for (const [k, v] of Object.entries(attributes)) {
        if (v === "" || v === null || v === undefined) node.removeAttribute(k); else node.setAttribute(k, v);
    }
    return node;
}

/** Keys typed into a field are text, not shortcuts. */
export function isTyping(target) {
    return target instanceof HTMLElement &&
        (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}
