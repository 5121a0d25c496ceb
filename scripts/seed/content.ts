// The demo's Spanish text: a Latin-American company selling cloud software for electronic
// invoicing, inventory and point of sale to small businesses in Colombia and Mexico.

export interface Country {
  code: string;
  mobilePrefixes: readonly string[];
  subscriberDigits: number;
  companySuffix: string;
  taxAuthority: string;
  taxId: string;
  cities: readonly string[];
  mailProviders: readonly string[];
  webDomain: string;
}

export const COLOMBIA: Country = {
  code: "57",
  mobilePrefixes: ["300", "301", "302", "304", "305", "310", "311", "312", "313", "314", "315", "316", "317", "318", "320", "321", "350"],
  subscriberDigits: 7,
  companySuffix: "S.A.S.",
  taxAuthority: "DIAN",
  taxId: "NIT",
  cities: ["Bogotá", "Medellín", "Cali", "Barranquilla", "Bucaramanga", "Pereira", "Cartagena"],
  mailProviders: ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com"],
  webDomain: "com.co",
};

export const MEXICO: Country = {
  code: "52",
  mobilePrefixes: ["55", "33", "81", "22", "44"],
  subscriberDigits: 8,
  companySuffix: "S.A. de C.V.",
  taxAuthority: "SAT",
  taxId: "RFC",
  cities: ["Monterrey", "Guadalajara", "Ciudad de México", "Puebla", "Querétaro", "Mérida", "León"],
  mailProviders: ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx"],
  webDomain: "com.mx",
};

// Feminine nouns only: the chat says "tenemos una {negocio}".
export const BUSINESSES = [
  "Ferretería",
  "Droguería",
  "Farmacia",
  "Distribuidora",
  "Panadería",
  "Papelería",
  "Óptica",
  "Mueblería",
  "Clínica Veterinaria",
  "Tienda de Ropa",
  "Comercializadora",
  "Constructora",
] as const;

// Common surnames in both countries; faker's locale lists mix in rare and badly cased ones.
export const SURNAMES = [
  "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
  "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutiérrez", "Chávez",
  "Ramos", "Vargas", "Castillo", "Jiménez", "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Rojas",
  "Mendoza", "Guerrero", "Castro", "Ruiz", "Álvarez", "Suárez", "Osorio", "Cardona", "Restrepo", "Zapata",
  "Valencia", "Quintero", "Arango", "Londoño", "Mejía", "Ospina", "Salazar", "Cárdenas", "Navarro", "Delgado",
  "Vega", "Ríos", "Contreras", "Espinoza", "Domínguez", "Soto", "Peña", "Cabrera", "Mora", "Escobar",
];

export const PLACES = ["del Norte", "del Valle", "Los Andes", "San José", "El Roble", "La Esperanza", "Central", "Santa Fe"];

export interface Product {
  title: string;
  quantities: readonly number[];
  unitPrice: number;
}

// Prices in US dollars, as these vendors usually quote software across the region.
export const PRODUCTS: readonly Product[] = [
  { title: "Licencia anual – {n} usuarios", quantities: [3, 5, 10, 15, 25, 50], unitPrice: 240 },
  { title: "Renovación anual – {n} usuarios", quantities: [5, 10, 20, 30], unitPrice: 210 },
  { title: "Punto de venta – {n} cajas", quantities: [1, 2, 3, 4, 6], unitPrice: 450 },
  { title: "Capacitación para {n} personas", quantities: [5, 10, 20], unitPrice: 60 },
  { title: "Módulo de facturación electrónica", quantities: [1], unitPrice: 1200 },
  { title: "Implementación y migración de datos", quantities: [1], unitPrice: 3500 },
  { title: "Soporte premium – 12 meses", quantities: [1], unitPrice: 1800 },
  { title: "Integración con tienda en línea", quantities: [1], unitPrice: 1500 },
  { title: "Módulo de inventario multibodega", quantities: [1], unitPrice: 950 },
];

export const WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes"];
export const HOURS = ["9:00 a. m.", "10:30 a. m.", "11:00 a. m.", "2:30 p. m.", "3:00 p. m.", "4:30 p. m."];

/** One exchange of a chat: what the customer writes, then the seller's answer. */
export type Exchange = readonly [inbound: string, outbound: string];

export const OPENERS = [
  "Hola {nombre}, te escribe {vendedor} de {marca}. Recibimos tu solicitud desde la página web, ¿tienes unos minutos?",
  "Hola {nombre} 👋 Soy {vendedor} de {marca}. Vi que descargaste la guía de facturación electrónica, ¿te puedo ayudar en algo?",
  "Buen día {nombre}, te contacto de {marca} para darle seguimiento a la cotización que pediste.",
];

export const OPENER_REPLIES: readonly Exchange[] = [
  ["Hola, sí claro. Necesitamos un sistema para facturar", "Perfecto. ¿A qué se dedica tu empresa y cuántas personas lo usarían?"],
  ["Hola {vendedor}, sí me interesa. ¿Qué incluye?", "Incluye facturación electrónica, inventario, punto de venta y reportes. Te cuento los planes según tu equipo."],
  ["Hola, gracias por escribir. Sí, seguimos interesados", "¡Qué bien! Cuéntame cuántos usuarios y cajas necesitan y te ajusto la propuesta."],
];

export const GREETINGS: readonly Exchange[] = [
  ["Hola, buenas tardes 👋 Quisiera información del sistema de facturación", "¡Hola {nombre}! Soy {vendedor}, asesor de {marca}. Con gusto te ayudo, ¿a qué se dedica tu empresa?"],
  ["Buen día, vi su anuncio en Instagram y me interesa el software", "Hola {nombre}, buen día 😊 Te saluda {vendedor} de {marca}. ¿Para cuántas personas sería?"],
  ["Hola, me pasaron este número para cotizar el sistema de inventario", "¡Hola {nombre}! Gracias por escribirnos. Soy {vendedor}; cuéntame un poco de tu negocio y te armo una propuesta."],
  ["Buenas tardes, ¿ustedes manejan facturación electrónica?", "¡Hola {nombre}! Sí, claro. Soy {vendedor} de {marca}; facturamos electrónicamente con validación de la {autoridad}. ¿Qué necesitas?"],
  ["Hola! Un amigo me recomendó {marca}", "¡Qué bueno saberlo, {nombre}! Soy {vendedor}. ¿Qué te gustaría saber?"],
];

export const NEEDS: readonly Exchange[] = [
  ["Tenemos una {negocio} en {ciudad} y la {autoridad} ya nos exige factura electrónica", "Justo para eso está {marca}: factura electrónica, inventario y punto de venta en una sola plataforma."],
  ["Somos como {personas} personas y hoy llevamos todo en Excel 😅", "Es muy común. Con {marca} cada uno tiene su usuario y ves ventas e inventario en tiempo real. Para ustedes te recomiendo {producto}."],
  ["Queremos cambiar de sistema, el que tenemos se cae mucho y no nos dan soporte", "Entiendo. Nosotros migramos tus datos y el soporte por chat y teléfono está incluido. ¿Cuántos usuarios serían?"],
  ["Tenemos dos sucursales y necesitamos ver el inventario de ambas", "Con el módulo multibodega ves el inventario de todas las sedes y haces traslados entre ellas. ¿Cuántas cajas manejan?"],
];

export const QUESTIONS: readonly Exchange[] = [
  ["¿Funciona en Mac o solo en Windows?", "Funciona en cualquier navegador, Windows o Mac, y también tiene app para Android e iPhone."],
  ["¿Se puede usar desde el celular?", "Sí, la app permite facturar, consultar inventario y ver reportes desde el celular."],
  ["¿La migración de los datos del sistema viejo la hacen ustedes?", "Sí, el equipo de implementación migra clientes, productos y saldos. En el plan anual no tiene costo adicional."],
  ["¿El soporte tiene algún costo?", "El soporte por chat y teléfono está incluido. El premium agrega atención 24/7 y un asesor dedicado."],
  ["¿Sirve para restaurantes? Manejamos comandas", "Sí, el punto de venta tiene modo restaurante, con mesas y comandas a cocina."],
  ["¿Cuánto se demora la implementación?", "Normalmente entre 5 y 10 días hábiles, según la cantidad de productos y usuarios."],
];

export const QUOTES: readonly Exchange[] = [
  ["¿Cuánto cuesta?", "Te comparto la cotización: {producto} por {monto} + IVA. Incluye actualizaciones y soporte estándar."],
  ["¿Qué precio tiene para nosotros?", "Para lo que me cuentas, {producto} queda en {monto} + IVA, pago anual. Te envío el PDF por aquí."],
  ["¿Me puedes mandar la cotización, por favor?", "Claro, {nombre}. {producto}: {monto} + IVA. La propuesta tiene validez de 15 días."],
  ["¿Manejan precios mensuales o solo anual?", "Tenemos ambos, pero en anual te queda más económico: {producto} por {monto} + IVA."],
];

export const NEGOTIATIONS: readonly Exchange[] = [
  ["Está un poco por encima de lo que teníamos pensado", "Entiendo. Si cierras este mes te puedo dar un 10% de descuento y la capacitación sin costo."],
  ["¿Hay algún descuento por pago de contado?", "Sí, por pago de contado aplicamos un 8% de descuento sobre el total."],
  ["¿Se puede pagar en cuotas?", "Sí, podemos dividir el pago en 3 cuotas sin interés con tarjeta de crédito."],
  ["Otra empresa nos ofreció algo parecido más barato", "Te entiendo. La diferencia está en el soporte local y en que la implementación va incluida. ¿Lo revisamos en una llamada?"],
];

export const SCHEDULING: readonly Exchange[] = [
  ["¿Tienen disponibilidad para una demo esta semana?", "Sí, tengo disponibilidad el {dia} a las {hora}. ¿Te queda bien por videollamada?"],
  ["Me gustaría verlo funcionando antes de decidir", "Claro, agendemos una demo de 30 minutos. ¿Te sirve el {dia} a las {hora}?"],
  ["¿Pueden venir a la oficina a mostrarnos el sistema?", "Con gusto. Puedo pasar el {dia} a las {hora}. ¿Me confirmas la dirección en {ciudad}?"],
  ["El {dia} a las {hora} me queda bien", "Perfecto, {nombre}, quedó agendado. Te llega la invitación al correo 🙌"],
];

export const FOLLOW_UPS: readonly Exchange[] = [
  ["Todavía lo estoy revisando con mi socio", "Sin afán, {nombre}. ¿Te escribo el {dia} para saber qué decidieron?"],
  ["Disculpa la demora, estuvimos con el cierre de mes", "No te preocupes. ¿Pudiste revisar la propuesta? Cualquier duda me cuentas."],
  ["Ya le pasé la propuesta a gerencia", "Excelente. Si quieren, hago una llamada corta con gerencia para resolver dudas."],
  ["Necesito que la cotización salga a nombre de la empresa", "Listo, envíame el {idFiscal} y el correo de facturación y te la reenvío hoy mismo."],
];

/** The last exchange of a closed conversation, by how the deal ended. */
export const ENDINGS: Record<"won" | "lost" | "undecided", readonly Exchange[]> = {
  won: [
    ["Listo, vamos con el plan anual. ¿A qué cuenta transfiero?", "¡Excelente, {nombre}! Te envío por correo los datos de pago y el contrato. Te damos la bienvenida a {marca} 🎉"],
    ["Ya hice el pago, te mando el comprobante", "¡Recibido, muchas gracias! Mañana te contacta el equipo de implementación para empezar."],
    ["Aprobaron la compra 🙌", "¡Qué buena noticia! Te comparto el enlace de pago y agendamos la capacitación."],
  ],
  lost: [
    ["Por ahora lo vamos a dejar, el presupuesto no alcanza este trimestre", "Entiendo, {nombre}. Te escribo el próximo trimestre; cualquier cosa aquí estoy."],
    ["Decidimos seguir con el sistema que tenemos, gracias", "Gracias por contarme. Si algo cambia, con gusto te ayudamos."],
    ["Nos fuimos con otra opción, igual gracias por la atención", "Gracias a ti, {nombre}. Éxitos con el proyecto."],
  ],
  undecided: [
    ["Gracias, lo reviso y te aviso", "Con gusto, {nombre}. Quedo pendiente."],
    ["Perfecto, gracias por la información", "A ti. Cualquier duda me escribes por aquí."],
  ],
};

export const CLOSE_REASONS: Record<"won" | "lost" | "undecided", readonly string[]> = {
  won: [
    "Cliente compró {producto}.",
    "Venta cerrada: {producto}. Pasa al equipo de implementación.",
    "Pago recibido; se agenda la capacitación inicial.",
  ],
  lost: [
    "Cliente sin presupuesto este trimestre; retomar más adelante.",
    "Eligió a la competencia por precio.",
    "Decidió seguir con su sistema actual.",
  ],
  undecided: [
    "Consulta resuelta; por ahora no hay oportunidad.",
    "Cliente no volvió a responder después de la cotización.",
    "Se envió la propuesta por correo; seguimiento desde el CRM.",
    "Demo agendada; el seguimiento sigue por correo.",
  ],
};

export const ACTIVITY_TITLES: Record<"call" | "meeting" | "visit", readonly string[]> = {
  call: ["Llamada de seguimiento a la cotización", "Llamar para confirmar datos de facturación", "Llamada con gerencia para resolver dudas"],
  meeting: ["Demo del sistema por videollamada", "Reunión para revisar la propuesta", "Capacitación inicial del equipo"],
  visit: ["Visita a {cliente} para levantar requerimientos", "Visita de instalación del punto de venta", "Visita de cierre a {cliente}"],
};

export const TASK_TITLES = [
  "Enviar cotización formal por correo",
  "Preparar contrato de licencia",
  "Confirmar {idFiscal} y correo de facturación",
  "Enviar manual de usuario",
  "Crear usuarios de prueba",
  "Revisar la resolución de facturación ante la {autoridad}",
  "Programar la capacitación",
  "Enviar propuesta con descuento",
];

/** Replaces `{name}` placeholders; an unknown placeholder is a bug in this file, so it throws. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Falta el valor de {${key}} en "${template}"`);
    return String(value);
  });
}

/** "USD 6.000", written the way these customers read amounts. */
export function formatAmount(amount: number): string {
  return `USD ${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`;
}
